package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate, the change point and the plateau peak rule on synthetic curves built so that each outcome is known:
 * every gate outcome, a recovered hinge, a peak that counts, one below the noise rule, one in the memorisation
 * transient, and a monotone curve without a peak.
 */
class RunAnalysisTest {

    /** Rows every 50 steps up to {@code last} with the given curves. */
    static List<EvalRow> rows(int last, IntToDoubleFunction trainAcc, IntToDoubleFunction valAcc, IntToDoubleFunction cv,
                              IntToDoubleFunction norm) {
        List<EvalRow> out = new ArrayList<>();
        double[] one = {0};
        for (int t = 0; t <= last; t += 50) {
            double c = cv.applyAsDouble(t);
            out.add(new EvalRow(t, t, 1.0 / (1 + t), trainAcc.applyAsDouble(t), 1, valAcc.applyAsDouble(t), c, c / 2, c * 3,
                    0, 0, 0, 1, 1.0 / (1 + t / 1000.0), norm.applyAsDouble(t), new double[] {c}, one, one, one, one, one, one, one));
        }
        return out;
    }

    static double memorised(int t) {
        return t >= 100 ? 1.0 : 0.3;
    }

    /** Validation accuracy: flat at 0.05 until 2000, a linear rise to 1 by 2600. */
    static double grokking(int t) {
        return t <= 2000 ? 0.05 : Math.min(1, 0.05 + (t - 2000) / 600.0 * 0.95);
    }

    @Test
    void everyGateOutcomeIsReachable() {
        GrokGate g = GrokGate.DEFAULT;
        PlateauWindow w = PlateauWindow.DEFAULT;
        assertEquals(Outcome.GROKS, RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, RunAnalysisTest::grokking, t -> 0.1, t -> 1), g, w).outcome());
        assertEquals(Outcome.NO_DELAY, RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, t -> Math.min(1, t / 400.0), t -> 0.1, t -> 1), g, w).outcome());
        assertEquals(Outcome.NEVER_GENERALISED, RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, t -> 0.6, t -> 0.1, t -> 1), g, w).outcome());
        assertEquals(Outcome.NEVER_MEMORISED, RunAnalysis.of(rows(3000, t -> 0.5, t -> 0.1, t -> 0.1, t -> 1), g, w).outcome());
        // delay 500 after t_train99 = 100 is enough (max(5·100, 500) = 500); 450 is not
        assertEquals(Outcome.GROKS, RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, t -> t >= 600 ? 1 : 0, t -> 0.1, t -> 1), g, w).outcome());
        assertEquals(Outcome.NO_DELAY, RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, t -> t >= 550 ? 1 : 0, t -> 0.1, t -> 1), g, w).outcome());
    }

    @Test
    void changePointFindsTheEndOfThePlateau() {
        RunAnalysis a = RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, RunAnalysisTest::grokking, t -> 0.1, t -> 1),
                GrokGate.DEFAULT, PlateauWindow.DEFAULT);
        assertEquals(100, a.tTrain99());
        assertEquals(2000, a.onset());
        assertEquals(2300, a.tVal50());
        assertEquals(2600, a.tGeneralised());
        assertEquals(2000, a.windowEnd());
        assertEquals(290, a.windowStart()); // t_train99 + 0.1·(onset − t_train99)
    }

    @Test
    void aProminentPlateauPeakCountsWithItsPhi() {
        SplittableRandom r = new SplittableRandom(1);
        double[] noise = new double[61];
        for (int i = 0; i < noise.length; i++) noise[i] = 0.002 * r.nextGaussian();
        IntToDoubleFunction cv = t -> 0.1 + 0.2 * Math.exp(-Math.pow((t - 1000) / 150.0, 2)) + noise[t / 50];
        RunAnalysis a = RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, RunAnalysisTest::grokking, cv, t -> 10 + t / 1000.0),
                GrokGate.DEFAULT, PlateauWindow.DEFAULT);
        RunAnalysis.PlateauPeak p = a.peak(Observable.CV_ANSWER);
        assertTrue(p.found());
        assertEquals(1000, p.step());
        assertEquals((1000 - 100) / 1900.0, p.phi(), 1e-12);
        assertFalse(a.peak(Observable.WEIGHT_NORM).found(), "a monotone weight norm has no peak");
    }

    @Test
    void aPeakBelowTheNoiseRuleDoesNotCount() {
        SplittableRandom r = new SplittableRandom(2);
        double[] noise = new double[61];
        for (int i = 0; i < noise.length; i++) noise[i] = 0.05 * r.nextGaussian();
        IntToDoubleFunction cv = t -> 0.1 + 0.01 * Math.exp(-Math.pow((t - 1000) / 150.0, 2)) + noise[t / 50];
        RunAnalysis a = RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, RunAnalysisTest::grokking, cv, t -> 1),
                GrokGate.DEFAULT, PlateauWindow.DEFAULT);
        RunAnalysis.PlateauPeak p = a.peak(Observable.CV_ANSWER);
        assertFalse(p.found(), "prominence " + p.prominence() + " vs noise " + p.noise());
        assertTrue(p.noise() > 0.02);
    }

    @Test
    void aTransientPeakAndAMonotoneRiseAreNotPrecursors() {
        IntToDoubleFunction transientPeak = t -> 0.1 + 0.5 * Math.exp(-Math.pow((t - 150) / 50.0, 2));
        RunAnalysis a = RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, RunAnalysisTest::grokking, transientPeak, t -> 1),
                GrokGate.DEFAULT, PlateauWindow.DEFAULT);
        assertFalse(a.peak(Observable.CV_ANSWER).found());
        RunAnalysis rise = RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, RunAnalysisTest::grokking, t -> 0.1 + t / 1e4, t -> 1),
                GrokGate.DEFAULT, PlateauWindow.DEFAULT);
        assertFalse(rise.peak(Observable.CV_ANSWER).found());
        RunAnalysis noGrok = RunAnalysis.of(rows(3000, RunAnalysisTest::memorised, t -> 0.1, t -> 0.1, t -> 1),
                GrokGate.DEFAULT, PlateauWindow.DEFAULT);
        assertNull(noGrok.peak(Observable.CV_ANSWER));
        assertNull(noGrok.onset());
        assertNotNull(noGrok.tTrain99());
    }

    @Test
    void gateAndWindowParametersOutOfRangeAreOneLineErrors() {
        for (Runnable bad : List.<Runnable>of(() -> new GrokGate(0, 0.5, 0.95, 5, 500), () -> new GrokGate(0.99, 1, 0.95, 5, 500),
                () -> new GrokGate(0.99, 0.5, 0.4, 5, 500), () -> new GrokGate(0.99, 0.5, 0.95, -1, 500),
                () -> new GrokGate(0.99, 0.5, 0.95, Double.NaN, 500), () -> new GrokGate(0.99, 0.5, 0.95, 5, -1),
                () -> new PlateauWindow(0.5, 5, 3, 0.1), () -> new PlateauWindow(-0.1, 5, 3, 0.1),
                () -> new PlateauWindow(0.1, 4, 3, 0.1), () -> new PlateauWindow(0.1, 5, -1, 0.1),
                () -> new PlateauWindow(0.1, 5, 3, 0), () -> new PlateauWindow(0.1, 5, 3, 1.5))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, bad::run);
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
