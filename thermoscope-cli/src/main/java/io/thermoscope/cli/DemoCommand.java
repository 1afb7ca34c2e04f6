package io.thermoscope.cli;

import io.thermoscope.ensemble.AttentionHeadProbe;
import io.thermoscope.ensemble.AttentionMask;
import io.thermoscope.ensemble.FirstLaw;
import io.thermoscope.ensemble.SyntheticHead;
import io.thermoscope.ensemble.TemperatureScan;
import io.thermoscope.io.Json;
import io.thermoscope.plot.Figure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope demo}: an attention head's thermodynamics, printed as a table and written as JSON. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A short demonstration on a reproducible synthetic causal head: the ensemble at T = sqrt(d_k),",
                "C_v across temperatures (weight scale g acts as T -> T/g^2, Eq. 27), the variational check",
                "and the first law. Writes DIR/demo.json and figures (SVG + PNG)."},
        footer = {"", "Example:", "  thermoscope demo --seed 1 --out results/demo"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--tokens", defaultValue = "64", description = "Context length (default ${DEFAULT-VALUE}).")
    int tokens = 64;

    @Option(names = "--dk", defaultValue = "32", description = "Key dimension d_k (default ${DEFAULT-VALUE}).")
    int dk = 32;

    @Option(names = "--out", converter = OutputPath.Directory.class, defaultValue = "results/demo", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("results/demo");

    @Override
    public Integer call() {
        PrintWriter w = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
        SyntheticHead head = SyntheticHead.generate(tokens, dk, seed);
        AttentionHeadProbe.Result probe = AttentionHeadProbe.probe(head.q(), head.k(), new AttentionMask.Causal(), Double.NaN);
        double T0 = probe.T();
        var a = probe.aggregate();
        w.printf(Locale.ROOT, "Synthetic causal head: %d tokens, d_k = %d, seed %d, T = sqrt(d_k) = %.4f%n", tokens, dk, seed, T0);
        w.printf(Locale.ROOT, "  <ln Z> = %.4f   <F> = %.4f   <U> = %.4f   <S> = %.4f   <C_v> = %.4f   <N_eff> = %.2f%n",
                a.logZ(), a.F(), a.U(), a.S(), a.Cv(), a.nEff());
        w.printf(Locale.ROOT, "  paper's proxy Var(QK^T/sqrt(d_k)) = %.4f%n%n", probe.cvProxy());

        // the last query sees the whole context: scan its ensemble (and all others) over temperature
        double[][] energies = causalEnergies(head);
        double[] temps = TemperatureScan.logSpace(0.05 * T0, 20 * T0, 13);
        List<TemperatureScan.Point> scan = TemperatureScan.scan(energies, temps);
        int peak = 0;
        for (int i = 1; i < scan.size(); i++) if (scan.get(i).aggregate().Cv() > scan.get(peak).aggregate().Cv()) peak = i;
        w.println("  T/sqrt(d_k)   g=weight scale    <S>      <C_v>    <N_eff>");
        for (int i = 0; i < scan.size(); i++) {
            var p = scan.get(i);
            w.printf(Locale.ROOT, "  %10.3f   %12.3f   %7.4f   %7.4f   %7.2f%s%n", p.T() / T0, Math.sqrt(T0 / p.T()),
                    p.aggregate().S(), p.aggregate().Cv(), p.aggregate().nEff(), i == peak ? "   <- C_v peak" : "");
        }
        var variational = VariationalCheckCommand.check(energies[energies.length - 1], T0);
        w.printf(Locale.ROOT, "%n  Variational check (last query): mirror descent vs softmax, max |dp| = %.2e after %d steps%n",
                variational.get("maxAbsDeviationFromSoftmax").asDouble(), variational.get("iterations").asInt());
        FirstLaw.Curve law = FirstLaw.growContext(new double[][] {energies[energies.length - 1]}, T0, 1, "unit: kappa = PV/T");
        var last = law.points().get(law.points().size() - 1);
        w.printf(Locale.ROOT, "  First law at V_ctx = %d: P = %.4f, ideal gas T ln(V/(V-1)) = %.4f, PV/T = %.3f%n",
                last.V(), last.pressure(), last.idealPressureExact(), last.kappa());

        var node = Json.object();
        node.put("seed", seed);
        node.put("tokens", tokens);
        node.put("dk", dk);
        node.put("T", T0);
        node.set("aggregate", Json.toNode(a));
        node.put("cvProxy", probe.cvProxy());
        node.set("temperatureScan", Json.toNode(scan));
        node.put("cvPeakTemperature", scan.get(peak).T());
        node.set("variationalCheck", variational);
        node.set("firstLaw", Json.toNode(law));
        double[] tt = new double[scan.size()], cv = new double[scan.size()], ss = new double[scan.size()];
        for (int i = 0; i < tt.length; i++) {
            tt[i] = scan.get(i).T() / T0;
            cv[i] = scan.get(i).aggregate().Cv();
            ss[i] = scan.get(i).aggregate().S();
        }
        new Figure("Specific heat of a synthetic head vs temperature", "T / sqrt(d_k)", "<C_v> (Eq. 28)").logX()
                .line("C_v", tt, cv).lineRight("entropy S", tt, ss).rightLabel("<S>")
                .vline(1, "T = sqrt(d_k)").save(out, "demo_cv_vs_T");
        int nv = law.points().size() - 1;
        double[] vv = new double[nv], pp = new double[nv], pi = new double[nv];
        for (int i = 0; i < nv; i++) {
            var pt = law.points().get(i + 1);
            vv[i] = pt.V();
            pp[i] = pt.pressure();
            pi[i] = pt.idealPressureExact();
        }
        new Figure("Effective pressure as the context grows (last query)", "V_ctx", "P = -dF/dV").logX().logY()
                .points("measured P", vv, pp).dashed("ideal gas T ln(V/(V-1))", vv, pi).save(out, "demo_pressure");
        Path file = out.resolve("demo.json");
        Output.json(node, seed, file, w);
        w.println();
        w.println("Wrote " + file);
        return 0;
    }

    private static double[][] causalEnergies(SyntheticHead head) {
        double[][] full = TemperatureScan.energies(head.q(), head.k());
        double[][] causal = new double[full.length][];
        for (int i = 0; i < full.length; i++) causal[i] = java.util.Arrays.copyOf(full[i], i + 1);
        return causal;
    }
}
