package io.thermoscope.cli;

import io.thermoscope.train.EvalRow;
import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.GrokRun;
import io.thermoscope.train.GrokSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope grok}: one grokking run (modular addition) with the thermodynamic monitor (§V, Fig. 3). */
@Command(name = "grok", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {GrokSweepCommand.class},
        description = {"Trains a transformer on (a + b) mod p (tokens 'a b =', all p^2 pairs split",
                "at random) with AdamW on DJL + PyTorch CPU (offline). Every --eval-every steps",
                "it measures, per layer and head on a fixed probe set: C_v = Var(E)/T^2 per",
                "query, averaged over queries (Eq. 28; E = -q.k, T = sqrt(d_k)); the",
                "experiment's cvProxy = Var(QK^T/sqrt(d_k)); U, S, F, N_eff; T_eff (Eq. 27).",
                "Writes DIR/config.json, DIR/metrics.csv (one row per evaluation),",
                "DIR/summary.json (onset = first eval with val accuracy >= 0.5, C_v peak,",
                "lead = onset - peak) and DIR/checkpoint.bin; --resume continues an",
                "interrupted run exactly. Presets: fast (ours: val accuracy 0.99 within",
                "~500-2600 full-batch steps at p <= 31), paper (Kim 2026), nanda2023,",
                "power2022; every field can be overridden. Keep --threads x parallel runs",
                "<= free cores (libtorch's OpenMP threads spin-wait)."},
        footer = {"", "Examples:",
                "  thermoscope grok --preset fast --p 23 --seed 0 --out results/grok-p23-s0",
                "  thermoscope grok sweep --preset paper --p 19,23,31 --seeds 5 --out results/grok-sweep"})
public final class GrokCommand implements Callable<Integer>, WritesAsItGoes {
    @Spec
    CommandSpec spec;

    @Mixin
    GrokOptions options = new GrokOptions();

    @Option(names = "--p", defaultValue = "23", paramLabel = "P", description = "Modulus p >= 2 (default ${DEFAULT-VALUE}).")
    int p = 23;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (required).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in DIR from its last checkpoint.")
    boolean resume;

    @Option(names = "--print-config", description = "Print the resolved configuration as JSON and exit.")
    boolean printConfig;

    @Override
    public Integer call() {
        GrokConfig cfg = options.resolve(p, seed);
        PrintWriter w = spec.commandLine().getOut();
        if (printConfig) {
            w.print(cfg.toJson());
            w.flush();
            return 0;
        }
        if (out == null) throw new io.thermoscope.InvalidInputException("--out DIR is required");
        PrintWriter err = spec.commandLine().getErr();
        GrokSummary s;
        ProgressBar bar = ProgressBar.onStderr("grok p=" + p + " seed=" + seed, cfg.maxSteps(), err);
        s = GrokRun.train(cfg, out, resume, (c, r) -> bar.update(r.step(), progress(r)), Main.invocation());
        bar.finish(String.format(Locale.ROOT, "%d steps", s.steps())); // only on success: errors stay one line
        w.println(String.format(Locale.ROOT,
                "p=%d seed=%d: %s; C_v peak %s; lead %s; final train/val acc %.3f/%.3f; monitor %.1f%% of %.1f s",
                s.p(), s.seed(),
                s.groksAtStep() == null ? "never reached val acc 0.5" : "val acc >= 0.5 at step " + s.groksAtStep(),
                s.cvPeakStep() == null ? "none" : String.format(Locale.ROOT, "%.4g at step %d", s.cvPeak(), s.cvPeakStep()),
                s.leadSteps() == null ? "n/a" : s.leadSteps() + " steps" + (s.leadSteps() > 0 ? " (peak first)" : " (peak not first)"),
                s.finalTrainAcc(), s.finalValAcc(), 100 * s.monitorFraction(), s.wallSeconds()));
        w.println("wrote " + out.resolve(GrokRun.METRICS) + ", config.json, summary.json, checkpoint.bin");
        w.flush();
        return 0;
    }

    static String progress(EvalRow r) {
        return String.format(Locale.ROOT, "loss %.3g/%.3g acc %.2f/%.2f C_v %.4g", r.trainLoss(), r.valLoss(),
                r.trainAcc(), r.valAcc(), r.cv());
    }
}
