package io.thermoscope.rope;

import io.thermoscope.plot.Figure;
import io.thermoscope.plot.Heatmap;

import java.nio.file.Path;
import java.util.Locale;

/** The paper's Fig. 1: the Mexican-hat potential V ∝ |Φ|² ln|Φ|² and its vacuum manifold. */
public final class MexicanHatFigures {
    private MexicanHatFigures() {
    }

    /**
     * Writes {@code dir/mexican-hat-profile.{svg,png}} (V along a line through the origin, Re Φ ∈ [−R, R], with the
     * vacuum at ±r_min and V(r_min) marked) and {@code dir/mexican-hat-plane.{svg,png}} (V over the (Re Φ, Im Φ)
     * plane; the cells the vacuum circle |Φ| = r_min passes through are drawn grey, i.e. as NaN, since the heatmap
     * has no overlay). R = 2·max(r_min, v·e^{−1/2}); the colour range is clipped at V(R).
     */
    public static void write(Path dir, ColemanWeinbergPotential pot) {
        double rMin = pot.vacuumRadius();
        double R = 2 * Math.max(rMin, pot.v() * Math.exp(-0.5));
        int n = 401;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -R + 2 * R * i / (n - 1);
            y[i] = pot.value(x[i]);
        }
        String params = String.format(Locale.ROOT, "α=%.3g, β=%.3g, v=%.3g", pot.alpha(), pot.beta(), pot.v());
        new Figure("Mexican hat V = α|Φ|² + β|Φ|² ln(|Φ|²/v²) (Eq. 29)", "Re Φ (Im Φ = 0); " + params, "V(Φ)")
                .line("V(Φ)", x, y)
                .vline(-rMin, "")
                .vline(rMin, String.format(Locale.ROOT, "vacuum |Φ| = %.4g", rMin))
                .hline(pot.vacuumEnergy(), String.format(Locale.ROOT, "V_min = −β r² = %.4g", pot.vacuumEnergy()))
                .save(dir, "mexican-hat-profile");
        int g = 121;
        double[][] v = new double[g][g];
        double cell = 2 * R / g;
        String[] xt = new String[g], yt = new String[g];
        for (int row = 0; row < g; row++) {
            double im = R - (row + 0.5) * cell; // rows top to bottom: Im Φ decreasing
            yt[row] = String.format(Locale.ROOT, "%.2f", im);
            for (int col = 0; col < g; col++) {
                double re = -R + (col + 0.5) * cell;
                if (row == 0) xt[col] = String.format(Locale.ROOT, "%.2f", re);
                double r = Math.hypot(re, im);
                v[row][col] = Math.abs(r - rMin) < 0.5 * cell ? Double.NaN : pot.value(r); // grey ring: vacuum manifold
            }
        }
        new Heatmap("V(Φ); grey ring: vacuum |Φ| = " + String.format(Locale.ROOT, "%.3g", rMin) + " (Goldstone circle)",
                "Re Φ", "Im Φ", v)
                .xTicks(xt).yTicks(yt).colorbarLabel("V(Φ), " + params)
                .range(pot.vacuumEnergy(), pot.value(R))
                .size(640, 600)
                .save(dir, "mexican-hat-plane");
    }
}
