package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The query-averaged ensemble of fixed energies over a range of temperatures: the canonical curve C_v(T) whose
 * peak the paper associates with a crossover (Eq. 28). Scaling the weights by g is the same as T → T/g² (Eq. 27).
 */
public final class TemperatureScan {

    /**
     * One temperature of the scan.
     *
     * @param T         temperature
     * @param aggregate query-averaged statistics at T
     */
    public record Point(double T, AttentionHeadProbe.Aggregate aggregate) {
    }

    private TemperatureScan() {
    }

    /** Geometrically spaced temperatures from {@code tMin} to {@code tMax} inclusive. */
    public static double[] logSpace(double tMin, double tMax, int count) {
        InvalidInputException.requirePositive("tMin", tMin);
        InvalidInputException.requirePositive("tMax", tMax);
        if (count < 2) throw new InvalidInputException("a scan needs at least 2 temperatures");
        double[] t = new double[count];
        for (int i = 0; i < count; i++) t[i] = tMin * Math.pow(tMax / tMin, (double) i / (count - 1));
        return t;
    }

    /** Scans {@code energies} (one row per query) over {@code temperatures}. */
    public static List<Point> scan(double[][] energies, double[] temperatures) {
        int max = 0;
        for (double[] row : energies) {
            BoltzmannEnsemble.validate(row, 0, row.length, 1.0);
            max = Math.max(max, row.length);
        }
        BoltzmannEnsemble ensemble = new BoltzmannEnsemble(max);
        List<Point> out = new ArrayList<>(temperatures.length);
        for (double T : temperatures) {
            InvalidInputException.requirePositive("temperature", T);
            List<EnsembleStatistics> rows = new ArrayList<>(energies.length);
            for (double[] row : energies) rows.add(ensemble.compute(row, 0, row.length, T));
            out.add(new Point(T, AttentionHeadProbe.aggregate(rows)));
        }
        return out;
    }

    /** Energies E_ij = −q_i·k_j (Eq. 7) of every query against every key (no mask). */
    public static double[][] energies(double[][] q, double[][] k) {
        double[][] e = new double[q.length][k.length];
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < k.length; j++) {
                double dot = 0;
                for (int c = 0; c < q[i].length; c++) dot += q[i][c] * k[j][c];
                e[i][j] = -dot;
            }
        }
        return e;
    }
}
