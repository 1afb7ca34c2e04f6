package io.thermoscope.reproduce;

import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.EquivalenceRule;
import io.thermoscope.decision.Rule;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.Forward;
import io.thermoscope.models.RotaryPass;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;
import io.thermoscope.rope.RopeEnergyShift;
import io.thermoscope.stats.ClusterBootstrap;
import io.thermoscope.train.lm.ByteCorpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * RoPE as a Goldstone mode (Kim 2026, Eq. 36: "the energy cost of encoding position via RoPE is exactly zero") on the
 * real heads of the project's decoder: on held-out windows, every head's energies with RoPE (the model's own scores)
 * against the same queries and keys without it, compared by {@link RopeEnergyShift#compare} over the keys each query
 * attends to (the causal mask read off the model's probabilities).
 */
public final class DecoderRopeStage extends DecoderStage {

    /** The stage on the reproduction's decoder. */
    public DecoderRopeStage() {
        this(DecoderStudy::of);
    }

    /** The stage on the decoder {@code study} chooses (tests pass a tiny one). */
    DecoderRopeStage(Function<ReproductionConfig, DecoderStudy> study) {
        super("decoder-rope", "The energy change RoPE causes on the decoder's heads (Eq. 36)", study);
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 1;
    }

    int documents(ReproductionConfig c) {
        return c.full() ? 50 : 30;
    }

    /**
     * What the result depends on.
     *
     * @param study     the decoder
     * @param documents held-out documents (one window each)
     * @param seed      master seed (bootstrap)
     */
    record Params(DecoderStudy study, int documents, long seed) {
    }

    /** Eq. 36 as an equivalence: the relative energy change equals 0 within ±0.05 (the synthetic-head claim's band). */
    static final EquivalenceRule RULE = new EquivalenceRule("the relative energy change ‖E' − E‖/‖E‖ that RoPE causes "
            + "on the decoder's heads (mean over heads and held-out documents)", 0, 0.05, 0.95, 10, "documents");

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(study.apply(config), documents(config), config.seed());
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(RULE);
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        DecoderStudy st = trained(ctx, 0.8);
        ByteCorpus split = st.split();
        List<long[]> inputs = heldOutInputs(split, documents(ctx.config()));
        int c = split.context();
        List<double[]> perDocHead = new ArrayList<>(); // [document][layer·heads + head]
        double[] byDistance = new double[c];
        int layers = 0, heads = 0;
        try (AttentionModel m = st.model(ctx.config())) {
            for (long[] ids : inputs) {
                HeadShifts shifts = HeadShifts.of(m, ids);
                layers = shifts.layers();
                heads = shifts.heads();
                double[] row = new double[layers * heads];
                for (int i = 0; i < row.length; i++) {
                    RopeEnergyShift.Result s = shifts.results()[i];
                    row[i] = s.relativeChange();
                    for (int d = 0; d < c; d++) byDistance[d] += s.byDistance()[d] / (inputs.size() * layers * heads);
                }
                perDocHead.add(row);
            }
        }
        double[] perDoc = perDocHead.stream().mapToDouble(r -> Arrays.stream(r).average().orElse(Double.NaN)).toArray();
        Estimate change = ClusterBootstrap.standard(ctx.seed("decoder-rope")).mean(perDoc, "documents");
        double[] perHead = new double[layers * heads];
        for (double[] r : perDocHead) for (int i = 0; i < r.length; i++) perHead[i] += r[i] / perDocHead.size();
        StringBuilder csv = new StringBuilder("layer,head,relative_energy_change\n");
        Map<String, String> nums = new LinkedHashMap<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                csv.append(String.format(Locale.ROOT, "%d,%d,%.17g%n", l, h, perHead[l * heads + h]));
            }
        }
        AtomicFiles.writeString(ctx.dir().resolve("rope-energy-change.csv"), csv.toString());
        double[] d = new double[c];
        for (int i = 0; i < c; i++) d[i] = i;
        new Figure("Energy change caused by RoPE against token distance", "distance m − n", "RMS(E' − E) / RMS(E)")
                .line("mean over heads and documents", d, byDistance).save(ctx.dir(), "rope-change-by-distance");
        double[] sorted = perHead.clone();
        Arrays.sort(sorted);
        nums.put("relative change, mean over heads", change.text());
        nums.put("per head: min / median / max", Evidence.num(sorted[0]) + " / " + Evidence.num(sorted[sorted.length / 2])
                + " / " + Evidence.num(sorted[sorted.length - 1]));
        nums.put("at distance 0 (both rotations cancel)", Evidence.num(byDistance[0]));
        String ev = String.format(Locale.ROOT, "On one window of %d bytes of each of %d held-out documents, RoPE was found "
                + "on every layer's scores from the ONNX graph; for each of the %d × %d heads the model's energies "
                + "E' = −(R_m q)·(R_n k) (its own scores × √d_k) are compared with E = −q·k of the exposed pre-rotation "
                + "queries and keys over every causal pair. Eq. 36 (the U(1) potential is invariant under a phase) "
                + "holds for a global rotation (rope-goldstone); here the rotation depends on the position.", c,
                inputs.size(), layers, heads);
        ctx.progress().update(1, "done");
        return List.of(Claim.decided(new Claim.Subject("decoder-rope", "Encoding position with RoPE costs no energy on real "
                + "heads (Eq. 36)", "§V.C, Eq. 36"), RULE, change, new Claim.Presentation(ev, nums, List.of(Evidence.figure(
                ctx, "rope-change-by-distance", "RMS energy change against token distance, relative to the RMS energy")))));
    }

    /**
     * RoPE's energy change (Eq. 36) on every head of a model for one input: E' = −(R_m q)·(R_n k) against E = −q·k at
     * T = √d_k, over the pairs the model's own mask allows ({@link #causal}, read off its probabilities).
     *
     * @param layers  layers of the model
     * @param heads   heads per layer
     * @param results the comparison per head, [layer · heads + head]
     */
    public record HeadShifts(int layers, int heads, RopeEnergyShift.Result[] results) {
        /** Measures every head of {@code m} on {@code ids}. */
        public static HeadShifts of(AttentionModel m, long[] ids) {
            boolean causal = causal(m.forward(ids));
            RotaryPass p = m.rotaryPass(ids);
            RopeEnergyShift.Result[] out = new RopeEnergyShift.Result[p.layers() * p.heads()];
            for (int l = 0; l < p.layers(); l++) {
                for (int h = 0; h < p.heads(); h++) {
                    double[][][] e = p.energyRows(l, h, causal);
                    out[l * p.heads() + h] = RopeEnergyShift.compare(e[0], e[1], Math.sqrt(p.dk())); // T = √d_k
                }
            }
            return new HeadShifts(p.layers(), p.heads(), out);
        }
    }

    /** Whether no query of any head puts probability on a later key (the causal mask, read off the model). */
    public static boolean causal(Forward f) {
        for (int l = 0; l < f.layers(); l++) {
            for (int h = 0; h < f.heads(); h++) {
                for (int i = 0; i < f.tokens(); i++) {
                    for (int j = i + 1; j < f.tokens(); j++) if (f.prob(l, h, i, j) > 0) return false;
                }
            }
        }
        return true;
    }
}
