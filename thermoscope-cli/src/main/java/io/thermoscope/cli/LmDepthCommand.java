package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.Document;
import io.thermoscope.decision.Estimate;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DepthObservables;
import io.thermoscope.models.ModelSource;
import io.thermoscope.stats.ClusterBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code thermoscope lm depth}: attention along the layers of ONNX decoders (depth as time, Eq. 18). */
@Command(name = "depth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Per layer of each model, on the start of seeded corpus documents: C_v = Var(E)/T^2 and the",
                "entropy of every attention row with >= 2 keys (mean over heads and queries), and the Fisher-Rao",
                "distance 2 arccos sum sqrt(p_l p_l+1) between consecutive layers' head-mean rows. Reports the",
                "slope of that distance against relative depth (negative: attention settles) with a 95% CI over",
                "documents."},
        footer = {"", "Example:", "  thermoscope lm depth --model results/lm-small --corpus brown --documents 30"})
public final class LmDepthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "An ONNX decoder (directory or file with tokenizer.json); repeatable.")
    List<String> models;

    @Mixin
    DecoderDocuments documents = new DecoderDocuments();

    @Option(names = "--tokens", paramLabel = "N", description = "Tokens per document (default: the model's limit, at most 512).")
    Integer tokens;

    @Option(names = "--out", converter = OutputPath.File.class, paramLabel = "FILE", description = "Write the per-layer observables as JSON here.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr(), w = spec.commandLine().getOut();
        Corpus docs = documents.sample(err);
        Map<String, Object> result = new LinkedHashMap<>();
        for (String spec0 : models) {
            List<DepthObservables> per = new ArrayList<>();
            try (AttentionModel m = AttentionModel.load(ModelSource.named(spec0))) {
                int n = tokens != null ? tokens : Math.min(512, m.maxPositions());
                for (Document d : docs.documents()) {
                    long[] ids = m.tokenize(d.text());
                    if (ids.length < 3) continue;
                    per.add(DepthObservables.of(m.forward(Arrays.copyOf(ids, Math.min(n, ids.length)))));
                }
            }
            if (per.size() < 2) throw new InvalidInputException("fewer than 2 usable documents for " + spec0);
            DepthObservables mean = DepthObservables.mean(per);
            List<Integer> units = new ArrayList<>();
            for (int i = 0; i < per.size(); i++) units.add(i);
            Estimate slope = ClusterBootstrap.standard(documents.seed).estimate(units,
                    u -> u.stream().mapToDouble(i -> per.get(i).relaxationSlope()).average().orElse(Double.NaN), "documents");
            result.put(spec0, Map.of("layers", mean.cv().length, "cv", mean.cv(), "entropy", mean.entropy(),
                    "fisherRaoToNext", mean.distance(), "relaxationSlope", slope, "documents", per.size()));
            w.println(String.format(Locale.ROOT, "%s: %d layers; C_v %s; entropy %s; Fisher-Rao to next %s; slope %s", spec0,
                    mean.cv().length, Arrays.toString(round(mean.cv())), Arrays.toString(round(mean.entropy())),
                    Arrays.toString(round(mean.distance())), slope.text()));
        }
        if (out != null) {
            Output.json(result, documents.seed, out, w);
            w.println("wrote " + out);
        }
        w.flush();
        return 0;
    }

    private static String[] round(double[] a) {
        return Arrays.stream(a).mapToObj(x -> String.format(Locale.ROOT, "%.4g", x)).toArray(String[]::new);
    }
}
