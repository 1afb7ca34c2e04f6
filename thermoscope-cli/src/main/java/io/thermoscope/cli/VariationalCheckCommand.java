package io.thermoscope.cli;

import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.FreeEnergyMinimiser;
import io.thermoscope.io.Json;
import io.thermoscope.io.NumberText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code thermoscope variational-check}: minimise F[ρ] independently and compare with softmax. */
@Command(name = "variational-check", mixinStandardHelpOptions = true,
        description = {"Minimise F[rho] = sum rho_i E_i + T sum rho_i ln rho_i over the simplex by mirror descent",
                "(Eqs. 8-12) and compare the minimiser with softmax(-E/T)."},
        footer = {"", "Example:", "  thermoscope variational-check --energies energies.txt --temperature 2"})
public final class VariationalCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--energies", required = true, paramLabel = "FILE", description = "Energies (text).")
    Path energies;

    @Option(names = {"--temperature", "-T"}, required = true, paramLabel = "T", description = "Temperature T > 0.")
    double temperature;

    @Option(names = "--out", converter = OutputPath.File.class, paramLabel = "FILE", description = "Write the JSON here instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        double[] e = NumberText.readVector(energies);
        Output.json(check(e, temperature), null, out, spec.commandLine().getOut());
        return 0;
    }

    /** The comparison as a JSON node (shared with the demo). */
    static com.fasterxml.jackson.databind.node.ObjectNode check(double[] e, double T) {
        FreeEnergyMinimiser.Result r = new FreeEnergyMinimiser().minimise(e, T);
        double[] p = BoltzmannEnsemble.probabilities(e, T);
        double dev = 0;
        for (int i = 0; i < p.length; i++) dev = Math.max(dev, Math.abs(p[i] - r.rho()[i]));
        var node = Json.object();
        node.put("method", "mirror descent (exponentiated gradient, Armijo backtracking) on F[rho]");
        node.put("T", T);
        node.put("n", e.length);
        node.put("iterations", r.iterations());
        node.put("converged", r.converged());
        node.put("kktResidual", r.kktResidual());
        node.put("freeEnergyMinimum", r.freeEnergy());
        node.put("freeEnergySoftmax", BoltzmannEnsemble.of(e, T).F());
        node.put("maxAbsDeviationFromSoftmax", dev);
        return node;
    }
}
