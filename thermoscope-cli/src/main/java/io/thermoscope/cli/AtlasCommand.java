package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.distance.DistanceProfile;
import io.thermoscope.io.Json;
import io.thermoscope.models.Atlas;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AtlasResult;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.HeadStats;
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

/** {@code thermoscope atlas}: the per-head thermodynamic atlas of a real pretrained encoder. */
@Command(name = "atlas", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Per layer and head of a pretrained ONNX encoder: T = sqrt(d_k), ln Z, F, U, S, C_v = Var(E)/T^2 "
                + "(Eq. 28), N_eff, aggregated over every query of every prompt, and the distance-decay law "
                + "d^-gamma e^-lambda d of the attention mass (gamma, lambda with bootstrap CIs; phase A/B/crossover). "
                + "Writes atlas.json, atlas.csv and heatmaps (layer x head) of C_v, S and gamma as PNG + SVG.",
                "Without --text/--prompt it runs an embedded corpus (12 English sentences + 8 seeded random-word prompts)."},
        footer = {"", "Examples:", "  thermoscope atlas --model minilm",
                "  thermoscope atlas --model bge-small --text prompts.txt --out results/atlas-bge",
                "  thermoscope atlas --model minilm --prompt \"The cat sat on the mat.\" --json"})
public final class AtlasCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelInputs inputs;

    @Option(names = "--out", converter = OutputPath.Directory.class, paramLabel = "DIR", description = "Output directory (default results/atlas/<model>).")
    Path out;

    @Option(names = "--json", description = "Print the atlas as one JSON object (heads array) instead of the table.")
    boolean json;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the random-word prompts, "
            + "the profile reservoir and the bootstrap (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bootstrap", defaultValue = "100", paramLabel = "B", description = "Bootstrap replicates of the "
            + "gamma/lambda intervals (0 = none; default ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--profiles", defaultValue = "256", paramLabel = "N", description = "Distance profiles kept per "
            + "head (seeded reservoir; default ${DEFAULT-VALUE}).")
    int profiles;

    @Option(names = "--direction", defaultValue = "both", paramLabel = "D", description = "Keys of the distance "
            + "profile: both (|i - j|, default), past or future.")
    String direction;

    @Option(names = "--keep-special", description = "Keep [CLS]/[SEP] (first/last token) in the distance profiles "
            + "(default: left out — they are attention sinks, not distance effects).")
    boolean keepSpecial;

    @Override
    public Integer call() {
        List<String> prompts = inputs.prompts();
        if (prompts == null) prompts = DefaultCorpus.prompts(seed, 8, 40);
        DistanceProfile.Direction dir = switch (direction.toLowerCase(Locale.ROOT)) {
            case "both" -> DistanceProfile.Direction.BOTH;
            case "past" -> DistanceProfile.Direction.PAST;
            case "future" -> DistanceProfile.Direction.FUTURE;
            default -> throw new InvalidInputException("--direction must be both, past or future, got " + direction);
        };
        AtlasOptions options = AtlasOptions.defaults().withTruncate(inputs.truncate).withSeed(seed)
                .withBootstrap(bootstrap).withMaxProfilesPerHead(profiles);
        options = options.withDirection(dir).withSkipSpecialTokens(!keepSpecial);
        PrintWriter err = spec.commandLine().getErr();
        AtlasResult r;
        try (AttentionModel model = AttentionModel.load(inputs.source())) {
            r = Atlas.run(model, prompts, options, err::println);
        }
        Path dir2 = out != null ? out : Path.of("results", "atlas", r.model());
        r.writeTo(dir2, Output.provenance(seed));
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Output.json(r, seed, null, o);
            o.flush();
            return 0;
        }
        o.printf(Locale.ROOT, "%s: %d layers × %d heads, d_k = %d, T = %.4f; %d prompts, %d tokens%n", r.model(),
                r.layers(), r.headsPerLayer(), r.dk(), r.T(), r.prompts(), r.tokens());
        o.printf(Locale.ROOT, "%5s %9s %9s %9s %9s %9s  %s%n", "layer", "<C_v>", "max C_v", "<S>", "<N_eff>", "<gamma>",
                "phases A/B/x");
        for (int l = 0; l < r.layers(); l++) {
            double cv = 0, cvMax = Double.NEGATIVE_INFINITY, s = 0, n = 0, g = 0;
            int a = 0, b = 0, x = 0, fitted = 0;
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
                switch (st.phase()) {
                    case "A" -> a++;
                    case "B" -> b++;
                    case "crossover" -> x++;
                    default -> { }
                }
            }
            o.printf(Locale.ROOT, "%5d %9.4f %9.4f %9.4f %9.3f %9.3f  %d/%d/%d%n", l, cv, cvMax, s, n,
                    fitted > 0 ? g / fitted : Double.NaN, a, b, x);
        }
        o.println("wrote " + dir2.resolve("atlas.json") + ", atlas.csv, atlas-{cv,entropy,gamma}.{svg,png}");
        o.flush();
        return 0;
    }
}
