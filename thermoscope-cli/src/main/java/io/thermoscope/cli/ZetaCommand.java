package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;
import io.thermoscope.special.HurwitzZeta;
import io.thermoscope.special.RiemannZeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code thermoscope zeta}: the Riemann zeta function ζ(s), or the Hurwitz zeta function ζ(s, a). */
@Command(name = "zeta", mixinStandardHelpOptions = true,
        description = {"The Riemann zeta function zeta(s) for real s != 1, or with --a the Hurwitz zeta function",
                "zeta(s, a) = sum_n (n + a)^-s (a > 0). JSON {s, value} (and a)."},
        footer = {"", "Examples:", "  thermoscope zeta --s 2", "  thermoscope zeta --s -1.5 --a 0.25"})
public final class ZetaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--s", required = true, paramLabel = "S", description = "Argument s (real, != 1).")
    double s;

    @Option(names = "--a", paramLabel = "A", description = "Hurwitz shift a > 0 (default: Riemann zeta).")
    Double a;

    @Override
    public Integer call() {
        InvalidInputException.requireFinite("s", s);
        var node = Json.mapper().createObjectNode();
        node.put("s", s);
        if (a == null) {
            node.put("value", RiemannZeta.value(s));
        } else {
            double v = HurwitzZeta.value(s, a);
            node.put("a", a);
            node.put("value", v);
        }
        Output.json(node, null, null, spec.commandLine().getOut());
        return 0;
    }
}
