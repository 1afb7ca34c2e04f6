package io.thermoscope.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Onset, steepest rise, C_v peak and lead on constructed curves whose answers are known by construction. */
class GrokAnalysisTest {

    private static EvalRow row(int step, double valAcc, double cv) {
        double[] one = {cv};
        return new EvalRow(step, step, 0, 1, 0, valAcc, cv, cv, 0, 0, 0, 1, 1, 1, one, one, one.clone(), one.clone(),
                one.clone(), one.clone(), one.clone());
    }

    @Test
    void gaussianBumpBeforeSigmoidRise() {
        GrokConfig cfg = GrokConfig.preset("fast", 5, 0).withDModel(8).withHeads(1).withSmoothWindow(3);
        List<EvalRow> rows = new ArrayList<>();
        for (int s = 0; s <= 2000; s += 20) {
            double acc = 1 / (1 + Math.exp(-(s - 1210) / 30.0)); // crosses 0.5 at 1210, so the first eval >= 0.5 is 1220
            double cv = 0.1 + Math.exp(-Math.pow((s - 800) / 100.0, 2)); // bump centred at 800
            rows.add(row(s, acc, cv));
        }
        GrokSummary s = GrokAnalysis.summarise(cfg, rows, 1, 0.5, 0.1);
        assertEquals(1220, s.groksAtStep());
        assertEquals(800, s.cvPeakStep());
        assertEquals(420, s.leadSteps());
        assertTrue(s.peakPrecedesOnset());
        assertEquals(1220, s.steepestRiseStep()); // the largest jump is the interval (1200, 1220]
        assertEquals(1.1, s.cvMax(), 1e-12);
        assertEquals(420, s.heads().get(0).leadSteps());
    }

    @Test
    void neverGrokkingRunIsReportedNotDropped() {
        GrokConfig cfg = GrokConfig.preset("fast", 5, 0).withDModel(8).withHeads(1).withSmoothWindow(1);
        List<EvalRow> rows = new ArrayList<>();
        for (int s = 0; s <= 100; s += 10) rows.add(row(s, 0.1, s == 50 ? 2 : 1));
        GrokSummary sum = GrokAnalysis.summarise(cfg, rows, 1, 0.5, 0.1);
        assertNull(sum.groksAtStep());
        assertEquals(50, sum.cvPeakStep());
        assertNull(sum.leadSteps());
        assertFalse(sum.peakPrecedesOnset());
    }
}
