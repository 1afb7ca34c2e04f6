package io.thermoscope.cli;

import io.thermoscope.eos.EquationOfStateFit;
import io.thermoscope.eos.PressureVolumeData;
import io.thermoscope.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code thermoscope eos-fit}: van der Waals against the ideal information gas (§VIII.B). */
@Command(name = "eos-fit", mixinStandardHelpOptions = true,
        description = {"Fit the van der Waals equation of state (P + a/V^2)(V - b) = NkT (Sec. VIII.B) to measured (V, P)",
                "pairs by Levenberg-Marquardt, with standard errors, and compare with the ideal gas PV = NkT (Eq. 26)",
                "by AIC, AICc and BIC. Reads a CSV with a header (columns V and P, or the 'pressure' column of",
                "'thermoscope first-law --csv'; rows with a non-finite P are skipped)."},
        footer = {"", "Example:", "  thermoscope first-law --energies rows.txt --temperature 8 --csv pv.csv",
                "  thermoscope eos-fit --csv pv.csv"})
public final class EosFitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV with a header row.")
    Path csv;

    @Option(names = "--v-column", paramLabel = "NAME", description = "Volume column (default V).")
    String vColumn;

    @Option(names = "--p-column", paramLabel = "NAME", description = "Pressure column (default P, else pressure).")
    String pColumn;

    @Option(names = "--nkt", paramLabel = "NkT", description = "NkT when known (> 0): then only a and b are fitted.")
    Double nkt;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON here (atomically) instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        PressureVolumeData data = PressureVolumeData.readCsv(csv, vColumn, pColumn);
        if (nkt != null && Double.isNaN(nkt)) throw new io.thermoscope.InvalidInputException("--nkt must be a finite number, got NaN");
        EquationOfStateFit.Result r = EquationOfStateFit.fit(data, nkt == null ? Double.NaN : nkt);
        var node = Json.toObject(r);
        node.put("source", data.source());
        node.put("skippedRows", data.skipped());
        Output.json(node, null, out, spec.commandLine().getOut());
        return 0;
    }
}
