package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.ensemble.AttentionMask;
import io.thermoscope.ensemble.DynamicalTemperature;
import io.thermoscope.ensemble.FirstLaw;
import io.thermoscope.io.ArrayFiles;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope first-law}: pressure P(V_ctx), the ideal-gas comparison and κ(V_ctx). */
@Command(name = "first-law", mixinStandardHelpOptions = true,
        description = {"Grow the context one key at a time: P = -dF/dV_ctx against the ideal gas T/V_ctx (Eq. 26),",
                "and the equation-of-state constant kappa = P V / (N_eff T) as a function of V_ctx (Eq. 25)."},
        footer = {"", "Examples:", "  thermoscope first-law --q Q.npy --k K.npy --causal --wq WQ.npy --wk WK.npy",
                "  thermoscope first-law --energies rows.txt --temperature 8 --n-eff 12 --csv pv.csv"})
public final class FirstLawCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Source {
        @ArgGroup(exclusive = false)
        HeadInputs head;

        @Option(names = "--energies", paramLabel = "FILE", description = "Energies, one row per query, keys in context order.")
        Path energies;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"--temperature", "-T"}, paramLabel = "T", description = "Temperature (default sqrt(d_k) with --q/--k).")
    Double temperature;

    @Option(names = "--n-eff", paramLabel = "N", description = "N_eff for kappa (default: participation ratio of W_Q W_K^T "
            + "when --wq/--wk are given, else 1, so that kappa = PV/T).")
    Double nEff;

    @Option(names = "--csv", converter = OutputPath.File.class, paramLabel = "FILE", description = "Also write the curve as CSV.")
    Path csv;

    @Option(names = "--out", converter = OutputPath.File.class, paramLabel = "FILE", description = "Write the JSON here (atomically) instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        double[][] e;
        double T;
        String nEffSource = "given";
        double n = nEff == null ? Double.NaN : InvalidInputException.requirePositive("--n-eff", nEff);
        if (source.energies != null) {
            if (temperature == null) throw new InvalidInputException("--temperature is required with --energies");
            e = ArrayFiles.readMatrix(source.energies, "energies");
            T = temperature;
        } else {
            HeadInputs h = source.head;
            double[][] q = h.queries(), k = h.keys();
            if (q[0].length != k[0].length) throw new InvalidInputException("Q and K have different d_k");
            T = temperature == null ? Math.sqrt(q[0].length) : temperature;
            AttentionMask mask = h.attentionMask();
            e = new double[q.length][];
            for (int i = 0; i < q.length; i++) {
                double[] row = new double[k.length];
                int m = 0;
                for (int j = 0; j < k.length; j++) {
                    if (!mask.visible(i, j, q.length, k.length)) continue;
                    double dot = 0;
                    for (int c = 0; c < q[i].length; c++) dot += q[i][c] * k[j][c];
                    row[m++] = -dot;
                }
                e[i] = java.util.Arrays.copyOf(row, m);
            }
            DynamicalTemperature dyn = h.dynamicalTemperature();
            if (nEff == null && dyn != null) {
                n = dyn.nEffQK();
                nEffSource = "weights: participation ratio of singular values of W_Q W_K^T";
            }
        }
        if (Double.isNaN(n)) {
            n = 1;
            nEffSource = "unit (no weights given): kappa = PV/T";
        }
        FirstLaw.Curve curve = FirstLaw.growContext(e, T, n, nEffSource);
        if (csv != null) {
            StringBuilder sb = new StringBuilder("V,F,U,S,pressure,idealPressure,idealPressureExact,nEffAttention,kappa\n");
            for (FirstLaw.Point p : curve.points()) {
                sb.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g%n", p.V(), p.F(), p.U(),
                        p.S(), p.pressure(), p.idealPressure(), p.idealPressureExact(), p.nEffAttention(), p.kappa()));
            }
            AtomicFiles.writeString(csv, sb.toString());
        }
        var node = Json.toObject(curve);
        var last = curve.points().get(curve.points().size() - 1);
        node.put("pressureOverIdealAtVmax", last.pressure() / last.idealPressureExact());
        node.put("kappaAtVmax", last.kappa());
        Output.json(node, null, out, spec.commandLine().getOut());
        return 0;
    }
}
