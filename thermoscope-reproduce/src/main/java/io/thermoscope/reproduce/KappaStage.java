package io.thermoscope.reproduce;

import io.thermoscope.attention.Compressibility;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.decision.EquivalenceRule;
import io.thermoscope.decision.Rule;
import io.thermoscope.models.KappaOptions;
import io.thermoscope.models.KappaResult;
import io.thermoscope.models.KappaScan;
import io.thermoscope.report.Claim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The abstract's Figure 1 on a real corpus: the equation of state of two pretrained encoders (all-MiniLM-L6-v2, 6
 * layers; bge-small-en-v1.5, 12 layers) as the context grows. Under the ideal information gas (Eq. 26) κ = PV/(N_eff T)
 * is 1/N_eff identically, so the informative number is the compressibility factor PV/T = d ln Z/d ln V_ctx; κ follows
 * as PV/T divided by N_eff. Convergence is an equivalence test on PV/T between the two top octaves of context,
 * with cluster-bootstrap intervals over Brown documents.
 */
public final class KappaStage implements Stage {
    private final int quickDocuments;

    /** The stage with the quick protocol's 50 documents. */
    public KappaStage() {
        this(BrownDocuments.QUICK);
    }

    /** The stage reading {@code quickDocuments} documents in the quick protocol (tests read fewer). */
    public KappaStage(int quickDocuments) {
        this.quickDocuments = quickDocuments;
    }

    @Override
    public String id() {
        return "kappa";
    }

    @Override
    public String title() {
        return "Compressibility PV/T and κ against context length, two real encoders on the Brown corpus";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 3;
    }

    /**
     * What the result depends on.
     *
     * @param documents the documents and models
     * @param options   grid, bootstrap and confidence of the scan
     * @param seed      master seed
     */
    record Params(BrownDocuments.Params documents, KappaOptions options, long seed) {
    }

    static KappaOptions options(ReproductionConfig c, long bootstrapSeed) {
        return new KappaOptions(16, BrownDocuments.TOKENS, 4, c.full() ? 2000 : 400, 0.90, bootstrapSeed);
    }

    /**
     * Convergence: PV/T changes by less than 10 % from the octave [128, 256] to [256, 512] (90 % CI inside ±0.10), on
     * at least 50 documents.
     */
    static final EquivalenceRule RULE = new EquivalenceRule("the relative change of PV/T = d ln Z/d ln V_ctx from "
            + "V in [128, 256] to V in [256, 512]", 0, 0.10, 0.90, 50, "documents");

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(BrownDocuments.params(config, quickDocuments), options(config, 0), config.seed());
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(RULE);
    }

    @Override
    public int version() {
        return 3;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        Corpus docs = BrownDocuments.sample(ctx, BrownDocuments.params(ctx.config(), quickDocuments));
        KappaOptions options = options(ctx.config(), ctx.seed("kappa-bootstrap"));
        List<KappaResult> results = BrownDocuments.perModel(ctx, docs,
                run -> KappaScan.run(run.model(), run.docs().documents(), options, run.listener()));
        for (KappaResult r : results) r.writeTo(ctx.dir(), ctx.provenance());
        KappaScan.figure(results).save(ctx.dir(), "pv-over-t-vs-context");
        Claim.Figure fig = Evidence.figure(ctx, "pv-over-t-vs-context", "PV/T = d ln Z/d ln V_ctx per octave of context "
                + "for both encoders (every key, and text keys only) with 90 % cluster-bootstrap bands over documents; "
                + "PV/T = 1 is the ideal information gas");
        List<Claim> claims = new ArrayList<>();
        for (KappaResult r : results) {
            Compressibility.Result c = r.compressibility();
            Map<String, String> nums = new LinkedHashMap<>();
            for (int w = 0; w < c.windows().size(); w++) {
                Compressibility.Window win = c.windows().get(w);
                nums.put(String.format(Locale.ROOT, "PV/T, V in [%d, %d] (every key; text keys only)", win.low(), win.high()),
                        c.c().get(w).text() + "; " + c.cText().get(w).text());
            }
            nums.put("κ = PV/(N_eff T), V in [256, 512]", c.kappa().text());
            nums.put("κ of the ideal gas, 1/N_eff", Evidence.num(c.kappaIdeal()));
            nums.put("N_eff (mean weight rank of W_Q W_Kᵀ over heads)", Evidence.num(c.nEff()));
            nums.put("relative change of PV/T, [128, 256] → [256, 512]", c.relativeChange().text());
            nums.put("documents (Brown, seeded; documents.txt)", String.valueOf(r.documents().size()));
            String ev = String.format(Locale.ROOT, "%s (%d layers × %d heads): one forward pass over the first %d tokens "
                    + "of each of %d Brown documents; the 14 queries inside the smallest context (positions 1–14) keep "
                    + "their states while the admitted keys grow from 16 to %d (the same energies, more keys: the "
                    + "volume of Eq. 25 at fixed T and N_eff); ln Z(V) on a log grid of 4 points per octave, PV/T its "
                    + "slope on ln V per octave. PV/T = %s in the top octave (ideal gas: 1), so κ = %s against "
                    + "1/N_eff = %s. The text-key PV/T leaves out [CLS] and [SEP], whose attention is present at every "
                    + "V.", r.model(), r.layers(), r.heads(), BrownDocuments.TOKENS, r.documents().size(),
                    BrownDocuments.TOKENS, c.c().get(0).text(), c.kappa().text(), Evidence.num(c.kappaIdeal()));
            claims.add(Claim.decided(new Claim.Subject(id() + "-" + r.model(), "κ (the compressibility PV/T) converges "
                            + "with context length: " + r.model() + " (abstract, Fig. 1)", "abstract Fig. 1; Eqs. 24–26"),
                    RULE, c.relativeChange(), new Claim.Presentation(ev, nums, List.of(fig))));
        }
        return claims;
    }
}
