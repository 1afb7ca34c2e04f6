package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.cluster.Cluster;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.Document;
import io.thermoscope.decision.Estimate;
import io.thermoscope.io.Json;
import io.thermoscope.models.Atlas;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AtlasResult;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.HeadStats;
import io.thermoscope.models.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope atlas}: the per-head thermodynamic atlas of a real pretrained encoder over a corpus. */
@Command(name = "atlas", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Per layer and head of a pretrained ONNX model: T = sqrt(d_k), ln Z, F, U, S, C_v = Var(E)/T^2 "
                + "(Eq. 28), N_eff, averaged over every query of every document, and the distance-decay law of the "
                + "attention: gamma with lambda = 0 (the phase: A below 1, B above), gamma and lambda fitted together, "
                + "and the growth of the captured mass with the window, all with cluster-bootstrap intervals over the "
                + "documents. Writes atlas.json, atlas.csv, documents.txt, heatmaps of C_v, S and gamma and a gamma "
                + "histogram (PNG + SVG).",
                "Documents: the Brown corpus by default (--documents of them, seeded), --corpus DIR, or --text/--prompt "
                        + "(each prompt one document). Documents are cut to the model's 512 positions."},
        footer = {"", "Examples:", "  thermoscope atlas --model minilm",
                "  thermoscope atlas --model bge-small --documents 100 --out results/atlas-bge",
                "  thermoscope atlas --model minilm --corpus my-texts/ --json",
                "  thermoscope atlas --model minilm --prompt \"The cat sat on the mat.\" --prompt \"It rained.\"",
                "  thermoscope atlas --model minilm --corpus my-texts/ --spark local[2] --partitions 4"})
public final class AtlasCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelInputs inputs;

    @Mixin
    CorpusInputs corpus;

    @Mixin
    AnalysisInputs analysis;

    @Option(names = "--out", converter = OutputPath.Directory.class, paramLabel = "DIR", description = "Output directory (default results/atlas/<model>).")
    Path out;

    @Option(names = "--json", description = "Print the atlas as one JSON object (heads array) instead of the table.")
    boolean json;

    @Mixin
    SparkOption spark = new SparkOption();

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N", description = "With --spark: consecutive "
            + "parts of the corpus, one task and one model session each (default: Spark's parallelism).")
    int partitions;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> prompts = inputs.prompts();
        AtlasOptions options = AtlasOptions.defaults().withSeed(analysis.seed).withResamples(analysis.bootstrap)
                .withConfidence(analysis.confidence);
        List<Document> docs;
        Corpus sample = null;
        if (prompts != null) {
            docs = DefaultCorpus.documents(prompts);
            options = options.withCutLong(inputs.truncate);
        } else {
            sample = corpus.sample(analysis.seed, err);
            docs = sample.documents();
            options = options.withCutLong(true);
        }
        if (partitions < 0) throw new InvalidInputException("--partitions must be >= 0, got " + partitions);
        if (partitions > 0 && !spark.enabled()) throw new InvalidInputException("--partitions needs --spark");
        AtlasResult r;
        ModelSource source = inputs.source();
        ProgressBar bar = ProgressBar.onStderr("atlas " + source.name(), docs.size(), err);
        if (spark.enabled()) {
            try (Cluster cluster = spark.open()) {
                r = cluster.atlas(source, docs, options, partitions, (done, total, id) -> bar.update(done, id));
            }
        } else {
            try (AttentionModel model = AttentionModel.load(source)) {
                r = Atlas.run(model, docs, options, (done, total, id) -> bar.update(done, id));
            }
        }
        bar.finish(docs.size() + " documents"); // only on success: an error stays the one line on stderr
        if (r.cut() > 0 && prompts != null) err.println("warning: " + r.cut() + " inputs truncated to 512 tokens");
        if (sample != null) CorpusInputs.noteSkipped(sample, err);
        Path dir = out != null ? out : Path.of("results", "atlas", r.model());
        r.writeTo(dir, Output.provenance(analysis.seed));
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Output.json(r, analysis.seed, null, o);
            o.flush();
            return 0;
        }
        o.printf(Locale.ROOT, "%s: %d layers × %d heads, d_k = %d, T = %.4f, %s; %d documents, %d tokens%s%n", r.model(),
                r.layers(), r.headsPerLayer(), r.dk(), r.T(), r.masking().name().toLowerCase(Locale.ROOT),
                r.documents().size(), r.tokens(), r.tooShort() > 0 ? " (" + r.tooShort() + " too short, skipped)" : "");
        o.printf(Locale.ROOT, "%5s %9s %9s %9s %9s %9s  %s%n", "layer", "<C_v>", "max C_v", "<S>", "<N_eff>", "<gamma>",
                "phase A/B/? by gamma | by captured mass");
        for (int l = 0; l < r.layers(); l++) {
            double cv = 0, cvMax = Double.NEGATIVE_INFINITY, s = 0, n = 0, g = 0;
            int[] fit = new int[3], cap = new int[3];
            int fitted = 0;
            for (int h = 0; h < r.headsPerLayer(); h++) {
                HeadStats st = r.head(l, h);
                cv += st.Cv() / r.headsPerLayer();
                cvMax = Math.max(cvMax, st.Cv());
                s += st.S() / r.headsPerLayer();
                n += st.nEff() / r.headsPerLayer();
                if (Double.isFinite(st.gamma())) {
                    g += st.gamma();
                    fitted++;
                }
                fit[st.decay().phaseByFit().ordinal()]++;
                cap[st.decay().phaseByCapture().ordinal()]++;
            }
            o.printf(Locale.ROOT, "%5d %9.4f %9.4f %9.4f %9.3f %9.3f  %d/%d/%d | %d/%d/%d%n", l, cv, cvMax, s, n,
                    fitted > 0 ? g / fitted : Double.NaN, fit[0], fit[1], fit[2], cap[0], cap[1], cap[2]);
        }
        Estimate share = r.shareNearOne();
        o.printf(Locale.ROOT, "heads with gamma in [%.1f, 1): %s; median gamma %s%n", r.nearOneLow(), share.text(),
                r.medianGamma().text());
        o.println("wrote " + dir.resolve("atlas.json") + ", atlas.csv, documents.txt, atlas-{cv,entropy,gamma}.{svg,png}, "
                + "gamma-histogram.{svg,png}");
        o.flush();
        return 0;
    }
}
