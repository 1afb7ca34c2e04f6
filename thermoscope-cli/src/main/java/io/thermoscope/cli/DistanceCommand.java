package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.distance.DistanceEnsemble;
import io.thermoscope.distance.DistanceFigures;
import io.thermoscope.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code thermoscope distance}: the partition function over token distance (polylog chapter). */
@Command(name = "distance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Attention decaying as w(d) = d^-gamma e^(-lambda d), d = 1..N (N = infinity by default): ln Z "
                + "(= ln Li_gamma(e^-lambda) for N = infinity), <ln d>, Var(ln d), C_V = gamma^2 Var(ln d), the "
                + "susceptibility chi = 1/|gamma - 1|, the phase (A: gamma < 1, B: gamma > 1), the mass captured by a "
                + "window and the smallest KV-cache window capturing a mass q (exact and continuum)."},
        footer = {"", "Examples:", "  thermoscope distance --gamma 1.3 --lambda 0.01 --window 512 --mass 0.9",
                "  thermoscope distance --gamma 1 --n 100000        # compares C_V with (ln N)^2/12",
                "  thermoscope distance --gamma 1.3 --figures results/distance"})
public final class DistanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gamma", required = true, paramLabel = "G", description = "Decay exponent gamma (inverse temperature).")
    double gamma;

    @Option(names = "--lambda", defaultValue = "0", paramLabel = "L", description = "Exponential cut-off lambda >= 0 (default ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--n", paramLabel = "N", description = "Largest distance N >= 1 (default: infinity; needs lambda > 0 or gamma > 1).")
    Long n;

    @Option(names = "--window", paramLabel = "W", description = "Report the mass captured by distances d <= W.")
    Long window;

    @Option(names = "--mass", paramLabel = "Q", description = "Report the smallest window capturing mass Q in (0, 1).")
    Double mass;

    @Option(names = "--band", defaultValue = "0.05", paramLabel = "B", description = "Crossover band |gamma - 1| < B (default ${DEFAULT-VALUE}).")
    double band;

    @Option(names = "--figures", converter = OutputPath.Directory.class, paramLabel = "DIR", description = "Also write the (gamma, lambda) phase diagram and captured-mass plot (PNG + SVG) here.")
    Path figures;

    @Option(names = "--out", converter = OutputPath.File.class, paramLabel = "FILE", description = "Write the JSON here (atomically) instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        InvalidInputException.requireFinite("gamma", gamma);
        DistanceEnsemble e = new DistanceEnsemble(gamma, lambda, n, band);
        DistanceEnsemble.Result r = e.thermodynamics();
        var node = Json.toObject(r);
        node.remove("chi");
        if (r.chiDiverges()) {
            node.put("chi", "Infinity");
            node.put("chiNote", "chi = 1/|gamma - 1| diverges at gamma = 1");
        } else {
            node.put("chi", r.chi());
        }
        if (n == null) node.putNull("n");
        if (gamma == 1 && lambda == 0 && n != null) {
            double asym = DistanceEnsemble.criticalAsymptote(n);
            var a = node.putObject("logSquaredOver12");
            a.put("CvExact", r.Cv());
            a.put("asymptote", asym);
            a.put("ratio", r.Cv() / asym);
        }
        if (window != null) {
            var c = node.putObject("capture");
            c.put("window", window);
            c.put("mass", e.captured(window));
        }
        if (mass != null) node.set("kvWindow", Json.toNode(e.kvWindow(mass)));
        if (figures != null) {
            DistanceFigures.phaseDiagram(0.2, 2.0, 37, -4, 0, 17).save(figures, "phase-diagram");
            long maxW = n == null ? 100_000 : Math.min(n, 100_000);
            DistanceFigures.capturedMass(List.of(e), List.of(String.format(java.util.Locale.ROOT,
                    "γ = %.3g, λ = %.3g", gamma, lambda)), maxW).save(figures, "captured-mass");
        }
        Output.json(node, null, out, spec.commandLine().getOut());
        return 0;
    }
}
