package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.StagedOutput;
import io.thermoscope.train.EvalRow;
import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.GrokRun;
import io.thermoscope.train.GrokSummary;
import io.thermoscope.train.Observable;
import io.thermoscope.train.RunAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope grok}: one grokking run (modular sums) with the thermodynamic monitor (§V, Fig. 3). */
@Command(name = "grok", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {GrokSweepCommand.class},
        description = {"Trains a transformer on (x1 + ... + xk) mod p (k = 2: a + b mod p over all",
                "p^2 pairs, split at random) with AdamW on DJL + PyTorch CPU (offline).",
                "Every --eval-every steps it measures, per layer and head on a fixed probe set:",
                "C_v = Var(E)/T^2 (Eq. 28; E = -q.k, T = sqrt(d_k)) of the '=' query and averaged",
                "over the queries with >= 2 keys; the proxy Var(QK^T/sqrt(d_k)); U, S, F, N_eff",
                "of the '=' query; T_eff (Eq. 27); the weight norm. Writes DIR/config.json,",
                "DIR/metrics.csv (one row per evaluation), DIR/summary.json (the gate's",
                "outcome, onset by change point, plateau peaks of C_v and of the controls) and",
                "DIR/checkpoint.bin; --resume continues an interrupted run bit for bit.",
                "Gate: a run groks if t_val50 - t_train99 >= max(5 t_train99, 500) and val",
                "accuracy then reaches 0.95. Presets: fast (ours: 1 layer, d_model 64, no LN,",
                "full batch, lr 3e-3, wd 1, 40%% train), paper (Kim 2026; 100 000 steps, 3x",
                "1/(lr wd)), nanda2023, power2022; every field can be overridden."},
        footer = {"", "Examples:",
                "  thermoscope grok --preset fast --p 31 --seed 0 --out results/grok-p31-s0",
                "  thermoscope grok sweep --preset fast --p 31,37 --seeds 5 --out results/grok-sweep"})
public final class GrokCommand implements Callable<Integer>, WritesAsItGoes {
    @Spec
    CommandSpec spec;

    @Mixin
    GrokOptions options = new GrokOptions();

    @Option(names = "--p", defaultValue = "31", paramLabel = "P", description = "Modulus p >= 2 (default ${DEFAULT-VALUE}).")
    int p = 31;

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
        var gate = options.gate();
        var window = options.window();
        PrintWriter w = spec.commandLine().getOut();
        if (printConfig) {
            w.print(cfg.toJson());
            w.flush();
            return 0;
        }
        if (out == null) throw new InvalidInputException("--out DIR is required");
        PrintWriter err = spec.commandLine().getErr();
        GrokSummary s;
        try (StagedOutput stage = StagedOutput.passThrough(String.join(" ", Main.invocation()))) {
            stage.own(out); // a second grok on this directory is refused at once
            ProgressBar bar = ProgressBar.onStderr("grok p=" + p + " seed=" + seed, cfg.schedule().maxSteps(), err);
            s = GrokRun.train(cfg, out, resume, gate, window, (c, r) -> bar.update(r.step(), progress(r)), Main.invocation());
            bar.finish(String.format(Locale.ROOT, "%d steps", s.steps())); // only on success: errors stay one line
            stage.commit();
        }
        for (String line : describe(s)) w.println(line);
        w.println("wrote " + out.resolve(GrokRun.METRICS) + ", config.json, summary.json, checkpoint.bin");
        w.flush();
        return 0;
    }

    /** A run's summary in a few lines: outcome and times, plateau peaks, C_v^max with Eq. 28's bound. */
    static java.util.List<String> describe(GrokSummary s) {
        RunAnalysis a = s.analysis();
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "p=%d k=%d seed=%d: %s; t_train99 %s, t_val50 %s, onset (change point) %s; final "
                + "train/val acc %.3f/%.3f", s.p(), s.operands(), s.seed(), a.outcome().label(), str(a.tTrain99()), str(a.tVal50()),
                str(a.onset()), s.finalTrainAcc(), s.finalValAcc()));
        if (!a.peaks().isEmpty()) {
            StringBuilder b = new StringBuilder("plateau peaks (phi; none = no peak above the noise rule):");
            for (RunAnalysis.PlateauPeak pk : a.peaks()) {
                b.append(' ').append(pk.observable() == Observable.CV_ANSWER ? "C_v(=)" : pk.observable().name().toLowerCase(Locale.ROOT))
                        .append(' ').append(pk.found() ? String.format(Locale.ROOT, "%.3f", pk.phi()) : "none").append(';');
            }
            lines.add(b.substring(0, b.length() - 1));
        }
        lines.add(String.format(Locale.ROOT, "C_v^max of the '=' query %.4g (Eq. 28 bound for %d keys: %.4f); %.1f s, monitor %.1f s",
                a.cvAnswerMax(), s.keys(), s.cvBound(), s.wallSeconds(), s.monitorSeconds()));
        return lines;
    }

    private static String str(Integer v) {
        return v == null ? "never" : v.toString();
    }

    static String progress(EvalRow r) {
        return String.format(Locale.ROOT, "loss %.3g/%.3g acc %.2f/%.2f C_v(=) %.4g", r.trainLoss(), r.valLoss(),
                r.trainAcc(), r.valAcc(), r.cvAnswer());
    }
}
