package io.thermoscope.stats;

import io.thermoscope.decision.Estimate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster bootstrap: coverage on synthetic data with a known mean, determinism, and resampling whole units. */
class ClusterBootstrapTest {

    @Test
    void percentileIntervalOfAMeanCoversTheTruth() {
        // 400 data sets of 30 units drawn from N(1, 2²): a 95 % percentile interval of the mean covers 1 in about
        // 93–95 % of them (the percentile interval is slightly narrow at n = 30); binomial sd ≈ 1.1 %
        SplittableRandom rng = new SplittableRandom(7);
        int covered = 0, sets = 400;
        for (int s = 0; s < sets; s++) {
            double[] x = new double[30];
            for (int i = 0; i < x.length; i++) x[i] = 1 + 2 * rng.nextGaussian();
            Estimate e = new ClusterBootstrap(1000, 0.95, s).mean(x, "documents");
            if (e.low() <= 1 && 1 <= e.high()) covered++;
        }
        double coverage = (double) covered / sets;
        assertTrue(coverage > 0.89 && coverage < 0.985, "coverage " + coverage);
    }

    @Test
    void resamplesUnitsNotRows() {
        // each unit holds 50 identical rows: a row bootstrap would see 1 500 "samples" and a far narrower interval
        SplittableRandom rng = new SplittableRandom(3);
        List<double[]> units = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            double v = rng.nextGaussian();
            double[] rows = new double[50];
            java.util.Arrays.fill(rows, v);
            units.add(rows);
        }
        ClusterBootstrap b = new ClusterBootstrap(2000, 0.95, 11);
        Estimate byUnit = b.estimate(units, us -> us.stream().flatMapToDouble(java.util.Arrays::stream).average().orElse(Double.NaN), "documents");
        double[] means = units.stream().mapToDouble(r -> r[0]).toArray();
        Estimate ofMeans = b.mean(means, "documents");
        assertEquals(ofMeans.halfWidth(), byUnit.halfWidth(), 0.25 * ofMeans.halfWidth());
        assertEquals(30, byUnit.units());
        // the naive standard error from 1 500 rows would be √50 ≈ 7× smaller
        assertTrue(byUnit.halfWidth() > 0.2, "interval " + byUnit.text());
    }

    @Test
    void deterministicForASeedAndNaNWhenDegenerate() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        assertEquals(new ClusterBootstrap(500, 0.9, 1).mean(x, "seeds"), new ClusterBootstrap(500, 0.9, 1).mean(x, "seeds"));
        // a statistic that is NaN on most resamples: the interval is not trusted
        Estimate e = new ClusterBootstrap(500, 0.9, 1).estimate(List.of(1.0, 2.0, 3.0),
                us -> us.get(0).equals(us.get(1)) ? 1 : Double.NaN, "seeds");
        assertTrue(Double.isNaN(e.low()));
        assertEquals(0, new ClusterBootstrap(500, 0.9, 1).mean(new double[0], "seeds").units());
    }
}
