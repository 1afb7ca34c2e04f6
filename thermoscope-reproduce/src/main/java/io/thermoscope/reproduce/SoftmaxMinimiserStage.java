package io.thermoscope.reproduce;

import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.FreeEnergyMinimiser;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.Forward;
import io.thermoscope.models.ModelSource;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;
import io.thermoscope.decision.IdentityRule;
import io.thermoscope.decision.Rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * §II: softmax attention is the distribution that minimises F[ρ] = Σρ_iE_i + TΣρ_i ln ρ_i at T = √d_k. On every
 * head of a real pretrained encoder (all-MiniLM-L6-v2), an independent minimiser of F over the simplex (mirror
 * descent, not softmax) is compared with the attention the model itself computed.
 */
public final class SoftmaxMinimiserStage implements Stage {
    @Override
    public String id() {
        return "softmax-minimiser";
    }

    @Override
    public String title() {
        return "Softmax as the free-energy minimiser on real heads";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 2;
    }

    /** The minimiser is compared with the float32 model: its round-off bounds the residual. */
    static final IdentityRule RULE = new IdentityRule("max |ρ_minimiser − p_model| over every attention row (∞ if the "
            + "minimiser failed to converge on a row)", 1e-6, "softmax(−E/T) is the exact minimiser of F[ρ] over the "
            + "simplex for any energies (Eqs. 19–22), so agreement confirms that E = −q·k and T = √d_k were read off the "
            + "model correctly, not a property the model learned");

    /**
     * What the result depends on.
     *
     * @param model   the encoder
     * @param prompts how many built-in sentences are run
     */
    record Params(String model, int prompts) {
    }

    int prompts(ReproductionConfig c) {
        return c.full() ? 8 : 2;
    }

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(ModelSource.MINILM.name(), prompts(config));
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(RULE);
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        List<String> prompts = DefaultCorpus.sentences().subList(0, prompts(ctx.config()));
        FreeEnergyMinimiser minimiser = new FreeEnergyMinimiser();
        double maxVsModel = 0, maxVsSoftmax = 0, maxKkt = 0;
        int rows = 0, heads = 0, unconverged = 0;
        StringBuilder csv = new StringBuilder("prompt,layer,head,queries,maxDevVsModel,maxDevVsSoftmax,maxKkt\n");
        double[] perLayerDev = null;
        try (AttentionModel model = AttentionModel.load(ModelSource.MINILM)) {
            for (int pi = 0; pi < prompts.size(); pi++) {
                Forward f = model.forward(prompts.get(pi));
                double T = Math.sqrt(AttentionModel.keyDimension(f));                 // T = √d_k (Eq. 9)
                int n = f.tokens();
                if (perLayerDev == null) perLayerDev = new double[f.layers()];
                for (int l = 0; l < f.layers(); l++) {
                    for (int h = 0; h < f.heads(); h++) {
                        double hm = 0, hs = 0, hk = 0;
                        double[] e = new double[n];
                        for (int i = 0; i < n; i++) {
                            f.energies(l, h, i, T, e);                                  // E = −q·k (Eq. 7)
                            FreeEnergyMinimiser.Result r = minimiser.minimise(e, T);    // min F[ρ] (Eqs. 8–12)
                            double[] p = BoltzmannEnsemble.probabilities(e, T);         // softmax in double
                            if (!r.converged()) unconverged++;
                            for (int j = 0; j < n; j++) {
                                hm = Math.max(hm, Math.abs(r.rho()[j] - f.prob(l, h, i, j)));
                                hs = Math.max(hs, Math.abs(r.rho()[j] - p[j]));
                            }
                            hk = Math.max(hk, r.kktResidual());
                            rows++;
                        }
                        heads++;
                        maxVsModel = Math.max(maxVsModel, hm);
                        maxVsSoftmax = Math.max(maxVsSoftmax, hs);
                        maxKkt = Math.max(maxKkt, hk);
                        perLayerDev[l] = Math.max(perLayerDev[l], hm);
                        csv.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%.17g,%.17g,%.17g%n", pi, l, h, n, hm, hs, hk));
                    }
                    ctx.progress().update((pi + (l + 1.0) / f.layers()) / prompts.size(), "prompt " + (pi + 1) + " layer " + l);
                }
            }
        }
        AtomicFiles.writeString(ctx.dir().resolve("minimiser-vs-softmax.csv"), csv.toString());
        double[] layers = new double[perLayerDev.length], dev = new double[perLayerDev.length];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = l;
            dev[l] = Math.max(perLayerDev[l], 1e-18);
        }
        new Figure("Independent free-energy minimiser vs the model's softmax (all-MiniLM-L6-v2)", "layer",
                "max |ρ_min − p_model| over heads, queries, keys").logY()
                .points("per layer (all 12 heads)", layers, dev).hline(1e-6, "tolerance 1e-6 (fp32 model)")
                .save(ctx.dir(), "minimiser-vs-softmax");
        Map<String, String> nums = new LinkedHashMap<>();
        nums.put("heads × prompts checked", String.valueOf(heads));
        nums.put("attention rows checked", String.valueOf(rows));
        nums.put("max |ρ_minimiser − p_model| (fp32 model)", Evidence.num(maxVsModel));
        nums.put("max |ρ_minimiser − softmax (double)|", Evidence.num(maxVsSoftmax));
        nums.put("max KKT residual of the minimiser", Evidence.num(maxKkt));
        nums.put("rows where the minimiser did not converge", String.valueOf(unconverged));
        String evidence = String.format(Locale.ROOT, "On %d attention rows of all 72 heads of all-MiniLM-L6-v2 (a real "
                + "pretrained encoder run with ONNX Runtime), minimising F[ρ] = Σρ_iE_i + TΣρ_i ln ρ_i over the simplex "
                + "with E = −q·k and T = √d_k reproduces the model's own attention to %s (the model computes in "
                + "float32) and our double-precision softmax to %s. This is the variational identity of §II: it "
                + "holds for any energies, so it confirms the bookkeeping (energies and temperature read off the real "
                + "model), not a property learned by training.", rows, Evidence.num(maxVsModel), Evidence.num(maxVsSoftmax));
        double residual = unconverged == 0 ? maxVsModel : Double.POSITIVE_INFINITY;
        return List.of(Claim.decided(new Claim.Subject(id(), "Softmax attention is the free-energy minimiser at T = √d_k (§II)",
                "§II, Eqs. 8–12"), RULE, residual, new Claim.Presentation(evidence, nums, List.of(Evidence.figure(ctx,
                "minimiser-vs-softmax", "largest deviation per layer between the independent minimiser and the model's softmax")))));
    }
}
