package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.Document;
import io.thermoscope.decision.Estimate;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.ModelSource;
import io.thermoscope.models.SamplingHeat;
import io.thermoscope.stats.ClusterBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code thermoscope lm heat}: hallucination as TdS on any ONNX decoder with a tokenizer.json. */
@Command(name = "heat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Continues the starts of seeded corpus documents at several sampling temperatures tau. Per",
                "sampled token: the Boltzmann distribution of E_v = -logit_v at tau, its U, S, F = U - tau S and",
                "the heat share tau S / (U - E_0 + tau S). Errors: complete generated words that no other document",
                "of the corpus contains. Reports per tau the heat share and the unknown-word rate, and the AUC of",
                "the heat share for telling unknown from known words within each tau (95% CI over prompts)."},
        footer = {"", "Example:", "  thermoscope lm heat --model results/lm-small --corpus brown --prompts 16"})
public final class LmHeatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "An ONNX decoder: a directory with model.onnx + tokenizer.json, or an ONNX file with tokenizer.json beside it.")
    String model;

    @Option(names = "--corpus", defaultValue = "brown", paramLabel = "brown|DIR", description = "Prompts and vocabulary (default ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--prompts", defaultValue = "16", paramLabel = "N", description = "Prompt documents (default ${DEFAULT-VALUE}).")
    int prompts;

    @Option(names = "--temperatures", defaultValue = "0.5,1,1.5", split = ",", paramLabel = "T",
            description = "Sampling temperatures (default ${DEFAULT-VALUE}).")
    List<Double> temperatures;

    @Option(names = "--prompt-tokens", defaultValue = "32", paramLabel = "N", description = "Prompt length in tokens (default ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--new-tokens", defaultValue = "64", paramLabel = "N", description = "Sampled tokens (default ${DEFAULT-VALUE}).")
    int newTokens;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the prompts and the sampling.")
    long seed;

    @Option(names = "--out", converter = OutputPath.File.class, paramLabel = "FILE", description = "Write the continuations and results as JSON here (default: stdout summary only).")
    Path out;

    @Override
    public Integer call() {
        if (prompts < 2) throw new InvalidInputException("--prompts must be >= 2 (the interval resamples prompts)");
        SamplingHeat.Options o = new SamplingHeat.Options(temperatures, promptTokens, newTokens, seed);
        PrintWriter err = spec.commandLine().getErr();
        Corpus docs = LmTrainCommand.source(corpus).load(err::println).requireUsable();
        Corpus chosen = docs.sample(prompts, seed);
        Set<String> ids = new HashSet<>(chosen.ids());
        Set<String> vocabulary = new HashSet<>();
        for (Document d : docs.documents()) if (!ids.contains(d.id())) vocabulary.addAll(SamplingHeat.words(d.text()));
        List<SamplingHeat.Prompt> ps = new ArrayList<>();
        for (Document d : chosen.documents()) ps.add(new SamplingHeat.Prompt(d.id(), d.text()));
        List<SamplingHeat.Continuation> all;
        try (AttentionModel m = AttentionModel.load(ModelSource.named(model))) {
            all = SamplingHeat.run(m, ps, vocabulary, o);
        }
        Estimate auc = SamplingHeat.aucEstimate(all, o.temperatures(), ClusterBootstrap.standard(seed));
        PrintWriter w = spec.commandLine().getOut();
        Map<String, Object> perTau = new LinkedHashMap<>();
        for (double tau : o.temperatures()) {
            List<SamplingHeat.Continuation> at = all.stream().filter(c -> c.tau() == tau).toList();
            List<SamplingHeat.Word> words = at.stream().flatMap(c -> c.words().stream()).toList();
            double heat = at.stream().mapToDouble(SamplingHeat.Continuation::meanHeat).average().orElse(Double.NaN);
            double unknown = words.isEmpty() ? Double.NaN : words.stream().filter(x -> !x.known()).count() / (double) words.size();
            perTau.put(Double.toString(tau), Map.of("heatShare", heat, "unknownWordRate", unknown, "words", words.size(),
                    "auc", SamplingHeat.auc(words)));
            w.println(String.format(Locale.ROOT, "tau %.3g: heat share %.4f, unknown words %.4f of %d, AUC %.4f", tau, heat,
                    unknown, words.size(), SamplingHeat.auc(words)));
        }
        w.println("AUC of the heat share for unknown vs known words, within tau: " + auc.text());
        if (out != null) {
            Output.json(Map.of("options", o, "corpus", docs.name(), "byTemperature", perTau, "auc", auc, "continuations", all),
                    seed, out, w);
            w.println("wrote " + out);
        }
        w.flush();
        return 0;
    }
}
