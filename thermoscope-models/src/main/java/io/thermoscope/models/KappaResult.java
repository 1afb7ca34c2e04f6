package io.thermoscope.models;

import io.thermoscope.attention.Compressibility;
import io.thermoscope.attention.Masking;
import io.thermoscope.decision.Estimate;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The compressibility factor PV/T = c = d ln Z/d ln V_ctx and κ = c/N_eff of one model over a corpus
 * ({@link KappaScan}).
 *
 * @param model           model name
 * @param layers          attention layers
 * @param heads           heads per layer
 * @param T               temperature √d_k
 * @param masking         detected masking (how the context grows: see {@link io.thermoscope.attention.ContextGrowth})
 * @param documents       ids of the documents (the clusters of the bootstrap), in order
 * @param tooShort        documents skipped for being shorter than the largest context
 * @param cut             documents cut to the largest context
 * @param grid            context lengths V of the curves
 * @param meanLnZ         mean over documents and heads of ln Z(V), every key admitted
 * @param meanLnZText     the same over the text keys
 * @param nEffDefinition  what N_eff is
 * @param compressibility c per octave (model mean and per head), κ, κ_ideal and the convergence statistic
 */
public record KappaResult(String model, int layers, int heads, double T, Masking masking, List<String> documents,
                          int tooShort, int cut, List<Integer> grid, List<Double> meanLnZ, List<Double> meanLnZText,
                          String nEffDefinition, Compressibility.Result compressibility) {

    /** Writes kappa-&lt;model&gt;.json (with provenance), kappa-&lt;model&gt;.csv (per octave) and -heads.csv. */
    public void writeTo(Path dir, Provenance provenance) {
        Json.write(dir.resolve("kappa-" + model + ".json"), Json.withProvenance(this, provenance));
        Compressibility.Result c = compressibility;
        StringBuilder sb = new StringBuilder("vLow,vHigh,c,cLo,cHi,cText,cTextLo,cTextHi,kappa,kappaIdeal\n");
        for (int w = 0; w < c.windows().size(); w++) {
            Compressibility.Window win = c.windows().get(w);
            sb.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%.17g,%.17g%n", win.low(), win.high(), triple(c.c().get(w)),
                    triple(c.cText().get(w)), c.c().get(w).value() / c.nEff(), c.kappaIdeal()));
        }
        AtomicFiles.writeString(dir.resolve("kappa-" + model + ".csv"), sb.toString());
        StringBuilder hs = new StringBuilder("layer,head,nEff,c,cLo,cHi,cText,cTextLo,cTextHi,kappa\n");
        for (Compressibility.Head h : c.heads()) {
            hs.append(String.format(Locale.ROOT, "%d,%d,%.17g,%s,%s,%.17g%n", h.layer(), h.head(), h.nEff(),
                    triple(h.c().get(0)), triple(h.cText().get(0)), h.kappa()));
        }
        AtomicFiles.writeString(dir.resolve("kappa-" + model + "-heads.csv"), hs.toString());
    }

    private static String triple(Estimate e) {
        return String.format(Locale.ROOT, "%.17g,%.17g,%.17g", e.value(), e.low(), e.high());
    }
}
