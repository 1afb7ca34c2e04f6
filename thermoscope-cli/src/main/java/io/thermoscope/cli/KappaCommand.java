package io.thermoscope.cli;

import io.thermoscope.attention.Compressibility;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.io.Json;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.KappaOptions;
import io.thermoscope.models.KappaResult;
import io.thermoscope.models.KappaScan;
import io.thermoscope.models.ModelSource;
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

/** {@code thermoscope kappa}: the compressibility factor PV/T and κ against context length on real models. */
@Command(name = "kappa", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Per document one forward pass over its first --max-context tokens; the queries inside the "
                + "smallest context keep their states while the key set grows (an encoder: the same energies with "
                + "more keys admitted; a causal decoder: the query at position V), giving ln Z(V) on a log grid. "
                + "PV/T = d ln Z/d ln V_ctx (F = -T ln Z, P = -dF/dV, Eqs. 24-26) by least squares per octave of V, "
                + "per head and per model; kappa = PV/(N_eff T) beside the ideal gas's kappa = 1/N_eff (N_eff: "
                + "weight rank of W_Q W_K^T). Cluster-bootstrap intervals over documents; the relative change of "
                + "PV/T between the two top octaves tests convergence. Writes kappa-<model>.{json,csv}, "
                + "kappa-<model>-heads.csv and kappa.{svg,png}.",
                "Documents: the Brown corpus by default (--documents of them, seeded) or --corpus DIR; documents "
                        + "shorter than --max-context tokens are skipped."},
        footer = {"", "Examples:", "  thermoscope kappa", "  thermoscope kappa --model minilm --documents 200 --json",
                "  thermoscope kappa --corpus my-texts/ --max-context 256"})
public final class KappaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", description = "minilm, bge-small or an ONNX path; repeatable "
            + "(default: minilm and bge-small).")
    List<String> models;

    @Mixin
    CorpusInputs corpus;

    @Mixin
    AnalysisInputs analysis;

    @Option(names = "--max-context", defaultValue = "512", paramLabel = "V", description = "Largest V_ctx in tokens "
            + "(default ${DEFAULT-VALUE}).")
    int maxContext;

    @Option(names = "--min-context", defaultValue = "16", paramLabel = "V", description = "Smallest V_ctx; the fixed "
            + "queries sit inside it (default ${DEFAULT-VALUE}).")
    int minContext;

    @Option(names = "--points-per-octave", defaultValue = "4", paramLabel = "K", description = "Grid points per "
            + "doubling of V (default ${DEFAULT-VALUE}).")
    int pointsPerOctave;

    @Option(names = "--out", converter = OutputPath.Directory.class, defaultValue = "results/kappa", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", description = "Print all models as one JSON object instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        KappaOptions options = new KappaOptions(minContext, maxContext, pointsPerOctave, analysis.bootstrap,
                analysis.confidence, analysis.seed);
        List<String> names = models == null ? List.of("minilm", "bge-small") : models;
        List<ModelSource> sources = new ArrayList<>();
        for (String name : names) sources.add(ModelSource.named(name));
        PrintWriter err = spec.commandLine().getErr();
        Corpus docs = corpus.sample(analysis.seed, err);
        List<KappaResult> results = new ArrayList<>();
        for (ModelSource source : sources) {
            try (AttentionModel model = AttentionModel.load(source)) {
                ProgressBar bar = ProgressBar.onStderr("kappa " + source.name(), docs.size(), err);
                results.add(KappaScan.run(model, docs.documents(), options, (done, total, id) -> bar.update(done, id)));
                bar.finish(docs.size() + " documents"); // only on success: an error stays the one line on stderr
            }
        }
        CorpusInputs.noteSkipped(docs, err);
        Path dir = out;
        for (KappaResult r : results) r.writeTo(dir, Output.provenance(analysis.seed));
        KappaScan.figure(results).save(dir, "kappa");
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            var node = Json.object();
            node.set("models", Json.toNode(results));
            Output.json(node, analysis.seed, null, o);
            o.flush();
            return 0;
        }
        for (KappaResult r : results) {
            Compressibility.Result c = r.compressibility();
            o.printf(Locale.ROOT, "%s (%d layers × %d heads, %s, %d documents%s):%n", r.model(), r.layers(), r.heads(),
                    r.masking().name().toLowerCase(Locale.ROOT), r.documents().size(),
                    r.tooShort() > 0 ? ", " + r.tooShort() + " too short" : "");
            for (int w = 0; w < c.windows().size(); w++) {
                Compressibility.Window win = c.windows().get(w);
                o.printf(Locale.ROOT, "  V in [%d, %d]: PV/T = %s, text keys only %s%n", win.low(), win.high(),
                        c.c().get(w).text(), c.cText().get(w).text());
            }
            o.printf(Locale.ROOT, "  kappa = PV/(N_eff T) = %s; ideal gas 1/N_eff = %.4g (N_eff = %.3f)%n",
                    c.kappa().text(), c.kappaIdeal(), c.nEff());
            o.printf(Locale.ROOT, "  relative change of PV/T between the top two octaves: %s%n", c.relativeChange().text());
        }
        o.println("wrote " + dir.resolve("kappa.svg") + ", kappa.png, kappa-<model>.{json,csv}, kappa-<model>-heads.csv");
        o.flush();
        return 0;
    }
}
