package io.thermoscope.cli;

import io.thermoscope.ensemble.AttentionHeadProbe;
import io.thermoscope.ensemble.DynamicalTemperature;
import io.thermoscope.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code thermoscope head}: thermodynamics of one attention head from Q and K. */
@Command(name = "head", mixinStandardHelpOptions = true,
        description = {"Per-query and aggregate thermodynamics of an attention head: E_ij = -q_i.k_j, T = sqrt(d_k).",
                "Also reports Var(QK^T/sqrt(d_k)), the proxy for C_v used in the paper's experiment."},
        footer = {"", "Example:", "  thermoscope head --q Q.npy --k K.npy --causal --wq WQ.npy --wk WK.npy"})
public final class HeadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HeadInputs inputs;

    @Option(names = {"--temperature", "-T"}, paramLabel = "T", description = "Override the temperature (default sqrt(d_k)).")
    Double temperature;

    @Option(names = "--out", converter = OutputPath.File.class, paramLabel = "FILE", description = "Write the JSON here (atomically) instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        if (temperature != null) io.thermoscope.InvalidInputException.requirePositive("--temperature", temperature);
        AttentionHeadProbe.Result r = AttentionHeadProbe.probe(inputs.queries(), inputs.keys(), inputs.attentionMask(),
                temperature == null ? Double.NaN : temperature);
        DynamicalTemperature dyn = inputs.dynamicalTemperature();
        var node = Json.object();
        node.put("dk", r.dk());
        node.put("T", r.T());
        node.set("aggregate", Json.toNode(r.aggregate()));
        node.put("cvProxy", r.cvProxy());
        node.put("cvProxyDefinition", "population variance of q.k/sqrt(d_k) over all visible (query, key) entries");
        node.put("skippedQueries", r.skippedQueries());
        if (dyn != null) {
            node.set("dynamicalTemperature", Json.toNode(dyn));
            node.put("teffDefinition", "T_eff = sqrt(d_k) / (||W_Q||_F * ||W_K||_F), Eq. 27 with constant 1");
        }
        node.set("perQuery", Json.toNode(r.perQuery()));
        Output.json(node, null, out, spec.commandLine().getOut());
        return 0;
    }
}
