package io.thermoscope.cli;

import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.EnsembleStatistics;
import io.thermoscope.io.Json;
import io.thermoscope.io.NumberText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code thermoscope ensemble}: the Boltzmann ensemble of a list of energies. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Equilibrium thermodynamics of energies E_i at temperature T: ln Z, F, U, S, C_v, Var(E), N_eff.",
        footer = {"", "Example:", "  thermoscope ensemble --energies energies.txt --temperature 5.657",
                "  (energies.txt: numbers separated by commas, spaces or newlines)"})
public final class EnsembleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--energies", required = true, paramLabel = "FILE", description = "Energies (text: commas/whitespace/newlines).")
    Path energies;

    @Option(names = {"--temperature", "-T"}, required = true, paramLabel = "T", description = "Temperature T > 0.")
    double temperature;

    @Option(names = "--probabilities", description = "Also output the equilibrium probabilities p_i.")
    boolean probabilities;

    @Option(names = "--out", converter = OutputPath.File.class, paramLabel = "FILE", description = "Write the JSON here (atomically) instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        double[] e = NumberText.readVector(energies);
        EnsembleStatistics st = BoltzmannEnsemble.of(e, temperature);
        var node = Json.toObject(st);
        if (probabilities) node.set("probabilities", Json.toNode(BoltzmannEnsemble.probabilities(e, temperature)));
        Output.json(node, null, out, spec.commandLine().getOut());
        return 0;
    }
}
