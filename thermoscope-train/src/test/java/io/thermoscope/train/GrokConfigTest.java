package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presets carry the settings each paper states; the builder changes fields by name; validation rejects bad values. */
class GrokConfigTest {

    @Test
    void paperPresetHasKim2026SettingsAndABudgetBeyondTheDecayTime() {
        GrokConfig c = GrokConfig.preset("paper", 97, 3);
        assertEquals(2, c.model().layers());
        assertEquals(128, c.model().dModel());
        assertEquals(4, c.model().heads());
        assertEquals(3e-4, c.optimiser().lr());
        assertEquals(0.1, c.optimiser().weightDecay());
        assertEquals(512, c.schedule().batch());
        assertEquals(0.5, c.task().trainFraction());
        assertEquals(97, c.p());
        assertEquals(3, c.seed());
        assertTrue(c.model().layerNorm());
        assertEquals(33_333.3, c.optimiser().decayTimeSteps(), 0.1);
        assertTrue(c.schedule().maxSteps() >= 3 * c.optimiser().decayTimeSteps(), "budget well beyond 1/(lr·wd)");
    }

    @Test
    void fastNandaAndPowerPresets() {
        GrokConfig f = GrokConfig.preset("fast", 31, 0);
        assertEquals(1, f.model().layers());
        assertEquals(64, f.model().dModel());
        assertFalse(f.model().layerNorm());
        assertEquals(0, f.schedule().batch());
        assertEquals(0.4, f.task().trainFraction());
        GrokConfig n = GrokConfig.preset("nanda2023", 113, 0);
        assertEquals(1, n.model().layers());
        assertFalse(n.model().layerNorm());
        assertEquals(1e-3, n.optimiser().lr());
        assertEquals(1.0, n.optimiser().weightDecay());
        assertEquals(0.98, n.optimiser().beta2());
        assertEquals(0.3, n.task().trainFraction());
        assertEquals(Math.round(0.3 * 113 * 113), n.effectiveBatch());
        GrokConfig pw = GrokConfig.preset("power2022", 97, 0);
        assertEquals(2, pw.model().layers());
        assertEquals(10, pw.schedule().warmupSteps());
        assertEquals(Math.min(512, Math.round(0.5 * 97 * 97) / 2), pw.schedule().batch()); // min(512, N/2)
        assertEquals(Math.round(0.5 * 121) / 2, GrokConfig.preset("power2022", 11, 0).schedule().batch());
    }

    @Test
    void badValuesAreRejectedWithOneLineMessages() {
        GrokConfig c = GrokConfig.preset("fast", 7, 0);
        List<Runnable> bad = List.of(() -> GrokConfig.preset("fast", 1, 0), () -> c.toBuilder().trainFraction(0).build(),
                () -> c.toBuilder().trainFraction(1.0).build(), () -> c.toBuilder().lr(0).build(),
                () -> c.toBuilder().lr(Double.POSITIVE_INFINITY).build(), () -> c.toBuilder().heads(3).build(),
                () -> c.toBuilder().operands(1).build(), () -> c.toBuilder().operands(16).build(),
                () -> c.toBuilder().operands(16).examples(-1).build(), () -> c.toBuilder().threads(0).build(),
                () -> c.toBuilder().initScale(0).build(), () -> c.toBuilder().evalEvery(0).build(),
                () -> GrokConfig.preset("nope", 7, 0));
        for (Runnable r : bad) {
            InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertTrue(assertThrows(InvalidInputException.class, () -> c.toBuilder().operands(16).build()).getMessage().contains("sample size"));
    }

    @Test
    void jsonRoundTripsAndTheBuilderChangesFieldsByName() throws Exception {
        GrokConfig c = GrokConfig.preset("fast", 11, 4).toBuilder().layers(3).lr(2e-3).beta1(0.8).batch(32).operands(4)
                .examples(500).build();
        GrokConfig back = Json.mapper().readValue(c.toJson(), GrokConfig.class);
        assertEquals(c, back);
        assertEquals(3, back.model().layers());
        assertEquals(0.8, back.optimiser().beta1());
        assertEquals(32, back.effectiveBatch());
        assertEquals(5, back.task().sequenceLength());
        assertEquals(200, back.task().trainSize()); // 40 % of 500 sampled sequences
        assertEquals(300, back.task().valSize());
        assertEquals(c.model().dModel() / c.model().heads(), c.dk());
    }

    @Test
    void batchesAdmitOnlyRunsOfOneShape() {
        GrokConfig a = GrokConfig.preset("fast", 11, 0);
        assertNull(BatchRun.shapeDifference(a, a.toBuilder().seed(3).lr(1e-2).weightDecay(0.5).initScale(0.7).build()));
        assertTrue(BatchRun.shapeDifference(a, a.toBuilder().p(13).build()).startsWith("task.p"));
        assertTrue(BatchRun.shapeDifference(a, a.toBuilder().beta2(0.9).build()).startsWith("optimiser.beta2"));
        assertTrue(BatchRun.shapeDifference(a, a.toBuilder().maxSteps(7).build()).startsWith("schedule.maxSteps"));
    }
}
