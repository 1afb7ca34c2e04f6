package io.thermoscope.models;

import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * κ(V_ctx) of one model: the equation-of-state constant κ = P·V_ctx/(N_eff·T) measured by re-running the model on
 * growing prefixes of each prompt, averaged over prompts with bands.
 *
 * @param model          model name
 * @param T              temperature √d_k
 * @param layers         attention layers averaged
 * @param heads          heads per layer averaged
 * @param prompts        prompts used
 * @param nEffDefinition what N_eff is
 * @param curve          one point per context length
 * @param convergence    whether and where κ converges
 */
public record KappaResult(String model, double T, int layers, int heads, int prompts, String nEffDefinition,
                          List<Point> curve, Convergence convergence) {

    /**
     * One context length.
     *
     * @param V             context length V_ctx in tokens
     * @param prompts       prompts long enough to reach V
     * @param F             mean free energy per query (over prompts, layers, heads, queries)
     * @param pressure      mean P = −∂F/∂V_ctx (Eq. 25)
     * @param idealPressure T/V_ctx, the ideal information gas (Eq. 26)
     * @param nEff          the N_eff used in κ (see the result's nEffDefinition)
     * @param nEffAttention mean attention participation ratio 1/Σp² at V
     * @param kappa         mean κ over prompts
     * @param kappaStd      standard deviation of κ over prompts (0 with one prompt)
     * @param kappaMin      smallest κ over prompts
     * @param kappaMax      largest κ over prompts
     */
    public record Point(int V, int prompts, double F, double pressure, double idealPressure, double nEff,
                        double nEffAttention, double kappa, double kappaStd, double kappaMin, double kappaMax) {
    }

    /**
     * The convergence verdict.
     *
     * @param rule                the rule applied, in words
     * @param converged           whether the rule holds
     * @param value               mean κ over the last quarter of the V range
     * @param spread              mean over the last quarter of κ's standard deviation across prompts
     * @param lastQuarterRelativeChange (max − min)/|mean| of κ over the last quarter
     * @param fromV               smallest V from which every later κ stays within the tolerance of {@code value}
     *                            (null when none)
     * @param verdict             one line in words
     */
    public record Convergence(String rule, boolean converged, double value, double spread,
                              double lastQuarterRelativeChange, Integer fromV, String verdict) {
    }

    /** Writes kappa-&lt;model&gt;.json (with provenance) and kappa-&lt;model&gt;.csv into {@code dir}. */
    public void writeTo(Path dir, Provenance provenance) {
        Json.write(dir.resolve("kappa-" + model + ".json"), Json.withProvenance(this, provenance));
        StringBuilder sb = new StringBuilder("V,prompts,F,pressure,idealPressure,nEff,nEffAttention,kappa,kappaStd,kappaMin,kappaMax\n");
        for (Point p : curve) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g%n", p.V(),
                    p.prompts(), p.F(), p.pressure(), p.idealPressure(), p.nEff(), p.nEffAttention(), p.kappa(), p.kappaStd(),
                    p.kappaMin(), p.kappaMax()));
        }
        AtomicFiles.writeString(dir.resolve("kappa-" + model + ".csv"), sb.toString());
    }
}
