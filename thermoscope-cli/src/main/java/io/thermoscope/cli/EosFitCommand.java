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

    /** How the pressures relate to P(V). */
    enum Form { auto, point, interval }

    @Option(names = "--pressure-form", defaultValue = "auto", paramLabel = "auto|point|interval",
            description = {"point: P_i = P(V_i); interval: P_i = F(V_i - 1) - F(V_i), the mean of P over [V-1, V] as",
                    "'first-law' measures it; auto (default): interval for a first-law CSV, else point."})
    Form form = Form.auto;

    @Option(names = "--out", converter = OutputPath.File.class, paramLabel = "FILE", description = "Write the JSON here (atomically) instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        PressureVolumeData data = PressureVolumeData.readCsv(csv, vColumn, pColumn);
        if (nkt != null && Double.isNaN(nkt)) throw new io.thermoscope.InvalidInputException("--nkt must be a finite number, got NaN");
        EquationOfStateFit.PressureForm f = switch (form) {
            case point -> EquationOfStateFit.PressureForm.POINT;
            case interval -> EquationOfStateFit.PressureForm.INTERVAL;
            case auto -> PressureVolumeData.isFirstLawCsv(csv) ? EquationOfStateFit.PressureForm.INTERVAL
                    : EquationOfStateFit.PressureForm.POINT;
        };
        EquationOfStateFit.Result r = EquationOfStateFit.fit(data, nkt == null ? Double.NaN : nkt, f);
        var node = Json.toObject(r);
        node.put("source", data.source());
        node.put("skippedRows", data.skipped());
        Output.json(node, null, out, spec.commandLine().getOut());
        return 0;
    }
}
