package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.KappaOptions;
import io.thermoscope.models.KappaResult;
import io.thermoscope.models.KappaScan;
import io.thermoscope.models.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope kappa}: the equation-of-state constant κ against context length on real encoders. */
@Command(name = "kappa", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-run each model on growing prefixes V_ctx of each prompt: mean free energy F(V), pressure "
                + "P = -dF/dV_ctx (Eq. 25), N_eff (attention participation ratio) and kappa = P V / (N_eff T), "
                + "averaged over prompts with a +-1 std band; reports whether and where kappa converges and plots "
                + "every model in one figure (kappa.svg/png).",
                "Without --text/--prompt: two embedded English passages of > 512 tokens, then seeded random-word "
                        + "prompts (--prompts in all)."},
        footer = {"", "Examples:", "  thermoscope kappa --max-context 512",
                "  thermoscope kappa --model minilm --max-context 128 --points 16 --json"})
public final class KappaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", description = "minilm, bge-small or an ONNX path; repeatable "
            + "(default: minilm and bge-small).")
    List<String> models;

    @Option(names = "--max-context", defaultValue = "512", paramLabel = "V", description = "Largest V_ctx in tokens "
            + "(default ${DEFAULT-VALUE}).")
    int maxContext;

    @Option(names = "--min-context", defaultValue = "16", paramLabel = "V", description = "Smallest V_ctx (default ${DEFAULT-VALUE}).")
    int minContext;

    @Option(names = "--points", defaultValue = "32", paramLabel = "N", description = "Context lengths on the linear "
            + "grid (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--tolerance", defaultValue = "0.05", paramLabel = "R", description = "Relative tolerance of the "
            + "convergence rule (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--n-eff", defaultValue = "weights", paramLabel = "WHICH", description = "N_eff in kappa: weights "
            + "(participation ratio of the singular values of W_Q W_K^T, mean over heads; default) or attention "
            + "(mean participation ratio 1/sum p^2 of the attention at each V).")
    String nEff;

    @Option(names = "--text", paramLabel = "FILE", description = "Prompts, one per non-blank line.")
    Path text;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "A prompt (repeatable).")
    List<String> prompt;

    @Option(names = "--prompts", defaultValue = "4", paramLabel = "N", description = "Number of embedded prompts "
            + "(default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the embedded prompts.")
    long seed;

    @Option(names = "--truncate", description = "Cap --max-context at the model's positions (warning) instead of failing.")
    boolean truncate;

    @Option(names = "--out", converter = OutputPath.Directory.class, defaultValue = "results/kappa", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", description = "Print all curves as one JSON object instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        if (text != null && prompt != null) throw new InvalidInputException("give --text or --prompt, not both");
        if (count < 1) throw new InvalidInputException("--prompts must be >= 1");
        List<String> prompts = text != null ? DefaultCorpus.read(text)
                : prompt != null ? prompt : DefaultCorpus.longPrompts(seed, count, maxContext);
        List<String> names = models == null ? List.of("minilm", "bge-small") : models;
        KappaOptions.NEff which = switch (nEff.toLowerCase(Locale.ROOT)) {
            case "weights" -> KappaOptions.NEff.WEIGHTS;
            case "attention" -> KappaOptions.NEff.ATTENTION;
            default -> throw new InvalidInputException("--n-eff must be weights or attention, got " + nEff);
        };
        KappaOptions options = new KappaOptions(minContext, points, tolerance, truncate, which);
        PrintWriter err = spec.commandLine().getErr();
        List<KappaResult> results = new ArrayList<>();
        for (String name : names) {
            ModelSource source = ModelSource.named(name);
            try (AttentionModel model = AttentionModel.load(source)) {
                results.add(KappaScan.run(model, prompts, maxContext, options, err::println));
            }
        }
        Path dir = out;
        for (KappaResult r : results) r.writeTo(dir, Output.provenance(seed));
        KappaScan.figure(results).save(dir, "kappa");
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            var node = Json.object();
            node.set("models", Json.toNode(results));
            Output.json(node, seed, null, o);
            o.flush();
            return 0;
        }
        for (KappaResult r : results) {
            o.printf(Locale.ROOT, "%s (%d layers × %d heads, T = %.4f, %d prompts): %s%n", r.model(), r.layers(),
                    r.heads(), r.T(), r.prompts(), r.convergence().verdict());
        }
        o.println("rule: " + results.get(0).convergence().rule());
        o.println("wrote " + dir.resolve("kappa.svg") + ", kappa.png, kappa-<model>.{json,csv}");
        o.flush();
        return 0;
    }
}
