package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.Document;
import io.thermoscope.decision.Estimate;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.ModelSource;
import io.thermoscope.reproduce.DecoderRopeStage;
import io.thermoscope.rope.RopeEnergyShift;
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

/** {@code thermoscope lm rope}: the energy change RoPE causes on the heads of any ONNX decoder with RoPE (Eq. 36). */
@Command(name = "rope", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds RoPE on every layer's attention scores from the ONNX graph and exposes the queries and",
                "keys before the rotation. Per head, on the start of seeded corpus documents: the relative change",
                "||E' - E|| / ||E|| of the model's own energies E' = -(R_m q).(R_n k) against E = -q.k over the",
                "keys each query attends to (the mask read off the model), with a 95% CI over documents."},
        footer = {"", "Example:", "  thermoscope lm rope --model results/lm-small --corpus brown --documents 30"})
public final class LmRopeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "An ONNX decoder (directory or file with tokenizer.json).")
    String model;

    @Mixin
    DecoderDocuments documents = new DecoderDocuments();

    @Option(names = "--tokens", paramLabel = "N", description = "Tokens per document (default: the model's limit, at most 256).")
    Integer tokens;

    @Option(names = "--out", converter = OutputPath.File.class, paramLabel = "FILE", description = "Write the per-head changes as JSON here.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr(), w = spec.commandLine().getOut();
        Corpus docs = documents.sample(err);
        List<double[]> perDoc = new ArrayList<>();
        int layers = 0, heads = 0;
        try (AttentionModel m = AttentionModel.load(ModelSource.named(model))) {
            int n = tokens != null ? tokens : Math.min(256, m.maxPositions());
            for (Document d : docs.documents()) {
                long[] ids = m.tokenize(d.text());
                if (ids.length < 2) continue;
                ids = Arrays.copyOf(ids, Math.min(n, ids.length));
                DecoderRopeStage.HeadShifts shifts = DecoderRopeStage.HeadShifts.of(m, ids); // the report stage's measurement
                layers = shifts.layers();
                heads = shifts.heads();
                perDoc.add(Arrays.stream(shifts.results()).mapToDouble(RopeEnergyShift.Result::relativeChange).toArray());
            }
        }
        if (perDoc.size() < 2) throw new InvalidInputException("fewer than 2 usable documents");
        double[] mean = perDoc.stream().mapToDouble(r -> Arrays.stream(r).average().orElse(Double.NaN)).toArray();
        Estimate change = ClusterBootstrap.standard(documents.seed).mean(mean, "documents");
        double[][] perHead = new double[layers][heads];
        for (double[] r : perDoc) for (int i = 0; i < r.length; i++) perHead[i / heads][i % heads] += r[i] / perDoc.size();
        for (int l = 0; l < layers; l++) {
            String[] cells = Arrays.stream(perHead[l]).mapToObj(x -> String.format(Locale.ROOT, "%.3f", x)).toArray(String[]::new);
            w.println("layer " + l + ": " + String.join(" ", cells));
        }
        w.println("relative energy change caused by RoPE, mean over heads: " + change.text());
        if (out != null) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", model);
            result.put("documents", perDoc.size());
            result.put("relativeChangePerHead", perHead);
            result.put("relativeChange", change);
            Output.json(result, documents.seed, out, w);
            w.println("wrote " + out);
        }
        w.flush();
        return 0;
    }
}
