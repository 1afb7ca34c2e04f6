package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.cluster.Cluster;
import io.thermoscope.io.Json;
import io.thermoscope.train.GrokSweep;
import io.thermoscope.train.SweepAnalysis;
import io.thermoscope.train.SweepConfig;
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

/** {@code thermoscope grok sweep}: runs over p and seeds, then Fig. 3, Fig. 4 and the verdicts. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the grokking experiment for every p in --p and seeds 0..--seeds-1",
                "into DIR/p{p}/seed{s} (resumable: finished runs are skipped, unfinished ones",
                "resumed), then writes DIR/analysis.json (per-run and per-head leads, 'C_v peak",
                "precedes onset in k of n runs', lead bootstrap CI, the C_v^max ~ p^a fit with",
                "R^2, bootstrap CI and verdict), DIR/fig3_p{p}.svg/.png/.csv (C_v and val",
                "accuracy vs epoch, mean +/- sd) and DIR/fig4.svg/.png + CSVs.",
                "Verdict rule: divergence detected only if >= 3 distinct p, the 95%% bootstrap",
                "CI of the exponent lies entirely above 0, and R^2 >= 0.8.",
                "--parallel N > 1 runs N child JVMs at once, each with --threads threads.",
                "With --spark each run is one Spark task (a child JVM on its executor) writing",
                "through Hadoop's FileSystem API; the directory equals the plain sweep's."},
        footer = {"", "Examples:",
                "  thermoscope grok sweep --preset fast --p 19,23,31 --seeds 5 --parallel 2 --out results/grok-sweep",
                "  thermoscope grok sweep --preset fast --p 19,23,31 --seeds 5 --spark local[2] --out results/grok-sweep"})
public final class GrokSweepCommand implements Callable<Integer>, WritesAsItGoes {
    @Spec
    CommandSpec spec;

    @Mixin
    GrokOptions options = new GrokOptions();

    @Option(names = "--p", required = true, split = ",", paramLabel = "P", description = "Moduli, comma-separated.")
    List<Integer> ps = new ArrayList<>();

    @Option(names = "--seeds", defaultValue = "5", paramLabel = "N", description = "Seeds 0..N-1 per p (default ${DEFAULT-VALUE}).")
    int seeds = 5;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N", description = "Concurrent runs (default ${DEFAULT-VALUE}; with --spark the task slots decide).")
    int parallel = 1;

    @Option(names = "--fig3", split = ",", paramLabel = "P", description = "Moduli for Fig. 3 (default: smallest and largest).")
    List<Integer> fig3;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep directory (with --spark: or a URI).")
    String out;

    @Mixin
    SparkOption spark = new SparkOption();

    @Override
    public Integer call() {
        for (int p : ps) if (p < 2) throw new InvalidInputException("p must be an integer >= 2, got " + p);
        SweepConfig sweep = SweepConfig.of(options.preset, ps, seeds, c -> options.resolve(c.p(), c.seed()), parallel);
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = ProgressBar.onStderr("grok sweep", sweep.runs().size(), err);
        GrokSweep.Listener progress = (c, s, done, total) -> bar.update(done, String.format(Locale.ROOT,
                "p=%d seed=%d onset %s peak %s", c.p(), c.seed(), s.groksAtStep(), s.cvPeakStep()));
        if (!spark.enabled()) {
            Path dir = Path.of(out);
            GrokSweep.run(sweep, dir, progress);
            bar.finish(sweep.runs().size() + " runs"); // only on success: errors stay one line
            analyse(dir);
            return 0;
        }
        try (Cluster cluster = spark.open()) {
            Cluster.SweepDirectory dir = cluster.sweep(sweep, out, progress);
            bar.finish(sweep.runs().size() + " runs on " + cluster.master());
            analyse(dir.local());
            dir.publish();
        }
        return 0;
    }

    /** Fig. 3, Fig. 4 and the verdicts of the finished sweep in {@code out}. */
    private void analyse(Path out) {
        SweepAnalysis a = SweepAnalysis.analyse(out);
        List<Integer> f3 = fig3 != null ? fig3 : List.of(ps.stream().min(Integer::compare).orElseThrow(),
                ps.stream().max(Integer::compare).orElseThrow()).stream().distinct().toList();
        a.writeFigures(out, f3);
        Output.json(a, null, out.resolve("analysis.json"), null);
        PrintWriter w = spec.commandLine().getOut();
        w.println(String.format(Locale.ROOT, "C_v peak precedes onset in %d of %d runs (%d grokked); mean lead %.1f steps [%.1f, %.1f]",
                a.k(), a.n(), a.grokked(), a.leadMean(), a.leadCiLow(), a.leadCiHigh()));
        w.println(String.format(Locale.ROOT, "C_v^max ~ p^a: a = %.3g [%.3g, %.3g], R^2 = %.3f -> %s",
                a.exponent(), a.exponentCiLow(), a.exponentCiHigh(), a.rSquared(), a.verdict()));
        w.println("wrote " + (spark.enabled() ? this.out + "/analysis.json" : out.resolve("analysis.json"))
                + ", fig3_p*.svg/.png/.csv, fig4.svg/.png, fig4_*.csv");
        w.flush();
    }

    static String json(Object o) {
        return Json.toJson(o);
    }
}
