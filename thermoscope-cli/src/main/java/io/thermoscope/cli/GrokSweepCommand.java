package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.cluster.Cluster;
import io.thermoscope.decision.Decision;
import io.thermoscope.io.StagedOutput;
import io.thermoscope.reproduce.GrokkingStage;
import io.thermoscope.reproduce.PrecursorRule;
import io.thermoscope.reproduce.ScalingRule;
import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.GrokGate;
import io.thermoscope.train.GrokSweep;
import io.thermoscope.train.Outcome;
import io.thermoscope.train.PlateauWindow;
import io.thermoscope.train.SweepAnalysis;
import io.thermoscope.train.SweepConfig;
import io.thermoscope.train.SweepFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope grok sweep}: runs over p (or k) and seeds as batches, then Fig. 3, Fig. 4 and their verdicts. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the grokking experiment for every p in --p (and every k in --k) and seeds",
                "0..--seeds-1 into DIR/[k{k}/]p{p}/seed{s}; the seeds of one p train together as one",
                "batched model (--batch-runs caps a batch; 1 trains each run alone). Resumable:",
                "finished runs are skipped, unfinished batches resumed. Then applies the grokking",
                "gate to every run and writes DIR/analysis.json, DIR/fig3_p{p}.svg/.png/.csv (C_v of",
                "the '=' query and val accuracy of the runs that grok, on the plateau's clock,",
                "and C_v beside the controls) and DIR/fig4.svg (C_v^max against p, or against k",
                "with --k), with the verdicts: Fig. 3 by the precursor rule (C_v must peak in the",
                "plateau in most runs that grok, and most peaks must coincide with none of the",
                "controls' extrema; >= 5 runs that grok), Fig. 4 by equivalence (|a| < 0.2 for",
                "C_v^max ~ x^a over a decade of x with >= 5 values). --parallel N trains N",
                "batches at once in child JVMs, each with --threads threads. With --spark each",
                "batch is one Spark task (a child JVM on its executor) writing through Hadoop's",
                "FileSystem API; the directory equals the plain sweep's."},
        footer = {"", "Examples:",
                "  thermoscope grok sweep --preset fast --p 31,37 --seeds 5 --parallel 2 --out results/grok-sweep",
                "  thermoscope grok sweep --preset fast --p 31 --k 2,4,8,16,32 --examples 900 --seeds 2 --out results/k-sweep",
                "  thermoscope grok sweep --preset fast --p 31,37 --seeds 5 --spark local[2] --out results/grok-sweep"})
public final class GrokSweepCommand implements Callable<Integer>, WritesAsItGoes {
    @Spec
    CommandSpec spec;

    @Mixin
    GrokOptions options = new GrokOptions();

    @Option(names = "--p", required = true, split = ",", paramLabel = "P", description = "Moduli, comma-separated.")
    List<Integer> ps = new ArrayList<>();

    @Option(names = "--k", split = ",", paramLabel = "K", description = "Numbers of operands, comma-separated (default: the preset's 2).")
    List<Integer> ks;

    @Option(names = "--seeds", defaultValue = "5", paramLabel = "N", description = "Seeds 0..N-1 per p (default ${DEFAULT-VALUE}).")
    int seeds = 5;

    @Option(names = "--batch-runs", defaultValue = "0", paramLabel = "N",
            description = "Most runs per batched model (default ${DEFAULT-VALUE}: all seeds of one p; 1: each run alone).")
    int batchRuns;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N", description = "Batches trained at once (default ${DEFAULT-VALUE}).")
    int parallel = 1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep directory (with --spark: or a URI).")
    String out;

    @Mixin
    SparkOption spark = new SparkOption();

    @Override
    public Integer call() {
        for (int p : ps) if (p < 2) throw new InvalidInputException("p must be an integer >= 2, got " + p);
        if (seeds < 1) throw new InvalidInputException("seeds must be >= 1, got " + seeds);
        if (ks != null && options.operands != null) throw new InvalidInputException("give either --k (a list) or --operands, not both");
        var gate = options.gate();
        var window = options.window();
        List<GrokConfig> runs = new ArrayList<>();
        for (int k : ks == null ? List.of(0) : ks) {
            for (int p : ps) {
                for (long s = 0; s < seeds; s++) {
                    GrokConfig c = options.resolve(p, s);
                    runs.add(k == 0 ? c : c.toBuilder().operands(k).build());
                }
            }
        }
        SweepConfig sweep = new SweepConfig(runs, parallel, batchRuns);
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = ProgressBar.onStderr("grok sweep", runs.size(), err);
        GrokSweep.Listener progress = (batch, done, total) -> bar.update(done, String.format(Locale.ROOT,
                "p=%d k=%d: %d runs", batch.get(0).p(), batch.get(0).operands(), batch.size()));
        SweepAnalysis a;
        String where;
        if (!spark.enabled()) {
            Path dir = Path.of(out);
            try (StagedOutput stage = StagedOutput.passThrough(String.join(" ", Main.invocation()))) {
                stage.own(dir); // a second sweep on this directory is refused at once
                GrokSweep.run(sweep, dir, gate, window, progress);
                bar.finish(runs.size() + " runs"); // only on success: errors stay one line
                a = analyse(dir, gate, window);
                stage.commit();
            }
            where = dir.toString();
        } else {
            try (Cluster cluster = spark.open()) {
                Cluster.SweepDirectory dir = cluster.sweep(sweep, out, gate, window, progress);
                bar.finish(runs.size() + " runs on " + cluster.master());
                a = analyse(dir.local(), gate, window);
                dir.publish();
            }
            where = out;
        }
        PrintWriter w = spec.commandLine().getOut();
        StringBuilder counts = new StringBuilder();
        for (Outcome o : Outcome.values()) counts.append(a.outcomes().get(o)).append(' ').append(o.label()).append(", ");
        w.println(a.runs().size() + " runs: " + counts.substring(0, counts.length() - 2));
        PrecursorRule fig3 = new PrecursorRule(GrokkingStage.RULE.share(), GrokkingStage.RULE.confidence(),
                GrokkingStage.RULE.minRuns(), window.coincidence());
        print(w, "Fig. 3 (C_v peaks before grokking)", fig3.decide(GrokkingStage.evidence(a)));
        ScalingRule scaling = new ScalingRule(a.variable(), 0.2, 10, 5);
        print(w, "C_v^max bounded in " + a.variable(), scaling.decide(new ScalingRule.Evidence(a.cvScaling().estimate(), a.cvScaling().span())));
        w.println("wrote " + where + "/analysis.json, fig3_p*.svg/.png/.csv, "
                + ("k".equals(a.variable()) ? "cvmax_vs_k" : "fig4") + "*.svg/.png/.csv");
        w.flush();
        return 0;
    }

    /** Fig. 3, Fig. 4 (or C_v^max against k) and analysis.json of the finished sweep in {@code dir}. */
    private SweepAnalysis analyse(Path dir, GrokGate gate, PlateauWindow window) {
        List<SweepAnalysis.RunData> data = SweepAnalysis.readRuns(dir);
        SweepAnalysis a = SweepAnalysis.of(data, gate, window);
        for (int p : ps) SweepFigures.fig3(dir, "fig3_p" + p, a, data, p);
        SweepFigures.scaling(dir, "k".equals(a.variable()) ? "cvmax_vs_k" : "fig4", a);
        Output.json(a, null, dir.resolve("analysis.json"), null);
        return a;
    }

    private static void print(PrintWriter w, String what, Decision d) {
        w.println(what + ": " + d.verdict().label() + " — " + d.reason()
                + (d.shortfall() == null ? "" : " (" + d.shortfall().text() + ")"));
    }
}
