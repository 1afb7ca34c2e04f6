package io.thermoscope.cli;

import io.thermoscope.report.Claim;
import io.thermoscope.report.HtmlReport;
import io.thermoscope.reproduce.Reproduction;
import io.thermoscope.reproduce.ReproductionConfig;
import io.thermoscope.reproduce.ReproductionListener;
import io.thermoscope.reproduce.Stage;
import io.thermoscope.reproduce.Stages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope reproduce}: every claim of the paper tested, into one HTML report. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Test every claim of the paper and write results/report.html (plus JSON/CSV and PNG/SVG per stage).",
                "--quick (default): small p and the fast preset, about 13 minutes on 2 cores.",
                "--full: the paper's protocol (p = 19..113 in 8 steps, 5 seeds, paper preset); days on 2 cores (p = 113 alone ~1.5 h per run). Both are resumable:",
                "finished stages are reused, an interrupted one is recomputed."},
        footer = {"", "Examples:", "  thermoscope reproduce --quick", "  thermoscope reproduce --full --out results-full"})
public final class ReproduceCommand implements Callable<Integer>, WritesAsItGoes {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The quick protocol (default).")
    boolean quick;

    @Option(names = "--full", description = "The paper's full protocol (days on 2 cores).")
    boolean full;

    @Option(names = "--out", converter = OutputPath.Directory.class, defaultValue = "results", paramLabel = "DIR", description = "Results directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("results");

    @Option(names = "--seed", defaultValue = "0", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (quick && full) throw new io.thermoscope.InvalidInputException("choose --quick or --full, not both");
        PrintWriter w = spec.commandLine().getOut();
        ReproductionConfig config = new ReproductionConfig(full, out, seed);
        w.printf(Locale.ROOT, "Reproducing the paper (%s protocol) into %s%n", config.mode(), out);
        ProgressDisplay bars = new ProgressDisplay(spec.commandLine().getErr());
        Reproduction.Outcome outcome = new Reproduction(config, Stages.all()).run(Output.provenance(seed), new ReproductionListener() {
            @Override
            public void stageStarted(int index, int count, Stage stage, double doneWeight, double totalWeight) {
                bars.stage(index, count, stage.title(), doneWeight / totalWeight, stage.weight(config) / totalWeight);
            }

            @Override
            public void stageProgress(double fraction, String detail) {
                bars.progress(fraction, detail);
            }

            @Override
            public void stageFinished(int index, Stage stage, List<Claim> claims, double seconds, boolean reused) {
                bars.clear();
                w.printf(Locale.ROOT, "  %-52s %s%n", stage.title(),
                        reused ? "(reused)" : String.format(Locale.ROOT, "(%.1f s)", seconds));
                for (Claim c : claims) w.printf(Locale.ROOT, "    %-50s %s%n", c.id(), c.verdict().label());
                w.flush();
            }
        });
        bars.clear();
        w.printf(Locale.ROOT, "%n%s%nReport: %s  (%.1f s)%n", HtmlReport.counts(outcome.claims()), outcome.report(), outcome.seconds());
        return 0;
    }
}
