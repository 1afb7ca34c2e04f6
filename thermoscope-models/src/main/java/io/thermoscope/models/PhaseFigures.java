package io.thermoscope.models;

import io.thermoscope.attention.Compressibility;
import io.thermoscope.attention.HeadPhases;
import io.thermoscope.plot.Figure;

import java.util.List;

/** Per-head figures of the distance phases: each head's captured-mass growth and PV/T against its γ. */
public final class PhaseFigures {
    private PhaseFigures() {
    }

    /**
     * The captured-mass slope minus the γ = 1 law's (above 0: the mass grows faster than at the boundary, phase A)
     * against γ (λ = 0) per head; the two readings agree in the upper-left and lower-right quadrants.
     */
    public static Figure capturedMassAgainstGamma(AtlasResult a) {
        List<HeadPhases.Head> heads = a.phases().heads();
        double[] g = new double[heads.size()], e = new double[heads.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = heads.get(i).gamma().value();
            e[i] = heads.get(i).excess().value();
        }
        Figure f = new Figure("Captured-mass growth against γ per head — " + a.model(), "γ (λ = 0)",
                "d ln M/d ln N − same at γ = 1, N in [" + a.captureLow() + ", " + a.captureHigh() + "]");
        f.points(a.model() + " heads", g, e);
        f.vline(1, "γ = 1");
        f.hline(0, "growth of a γ = 1 law");
        return f;
    }

    /**
     * PV/T = d ln Z/d ln V over the text keys (top octave) against γ (λ = 0) per head, with the distance ensemble's
     * PV/T = 1 − γ for γ &lt; 1 and 0 for γ &gt; 1 (Z = Σ_{d ≤ V} d^−γ, polylog chapter §22.4).
     */
    public static Figure compressibilityAgainstGamma(AtlasResult a, KappaResult k) {
        List<HeadPhases.Head> heads = a.phases().heads();
        List<Compressibility.Head> c = k.compressibility().heads();
        double[] g = new double[heads.size()], text = new double[heads.size()], all = new double[heads.size()];
        double lo = 0, hi = 1.5;
        for (int i = 0; i < g.length; i++) {
            g[i] = heads.get(i).gamma().value();
            text[i] = c.get(i).cText().get(0).value();
            all[i] = c.get(i).c().get(0).value();
            if (Double.isFinite(g[i])) {
                lo = Math.min(lo, g[i]);
                hi = Math.max(hi, g[i]);
            }
        }
        Compressibility.Window top = k.compressibility().windows().get(0);
        Figure f = new Figure("PV/T against γ per head — " + a.model(), "γ (λ = 0)",
                "PV/T = d ln Z/d ln V, V in [" + top.low() + ", " + top.high() + "]");
        f.points("text keys", g, text);
        f.points("every key ([CLS], [SEP] included)", g, all);
        f.dashed("distance ensemble: 1 − γ (γ < 1), 0 (γ > 1)", new double[] {lo, 1, hi}, new double[] {1 - lo, 0, 0});
        return f;
    }
}
