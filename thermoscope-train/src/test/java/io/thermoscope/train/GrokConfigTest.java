package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presets carry the settings the issue states for each paper; validation rejects bad values. */
class GrokConfigTest {

    @Test
    void paperPresetHasKim2026Settings() {
        GrokConfig c = GrokConfig.preset("paper", 97, 3);
        assertEquals(2, c.layers());
        assertEquals(128, c.dModel());
        assertEquals(4, c.heads());
        assertEquals(3e-4, c.lr());
        assertEquals(0.1, c.weightDecay());
        assertEquals(512, c.batch());
        assertEquals(0.5, c.trainFraction());
        assertEquals(97, c.p());
        assertEquals(3, c.seed());
        assertTrue(c.layerNorm());
    }

    @Test
    void nandaAndPowerPresets() {
        GrokConfig n = GrokConfig.preset("nanda2023", 113, 0);
        assertEquals(1, n.layers());
        assertFalse(n.layerNorm());
        assertEquals(1e-3, n.lr());
        assertEquals(1.0, n.weightDecay());
        assertEquals(0.9, n.beta1());
        assertEquals(0.98, n.beta2());
        assertEquals(0.3, n.trainFraction());
        assertEquals(0, n.batch()); // full batch
        assertEquals(Math.round(0.3 * 113 * 113), n.effectiveBatch());
        GrokConfig pw = GrokConfig.preset("power2022", 97, 0);
        assertEquals(2, pw.layers());
        assertEquals(1e-3, pw.lr());
        assertEquals(1.0, pw.weightDecay());
        assertEquals(10, pw.warmupSteps());
        assertEquals(Math.min(512, Math.round(0.5 * 97 * 97) / 2), pw.batch()); // min(512, N/2)
        GrokConfig small = GrokConfig.preset("power2022", 11, 0);
        assertEquals(Math.round(0.5 * 121) / 2, small.batch());
    }

    @Test
    void badValuesAreRejectedWithOneLineMessages() {
        GrokConfig c = GrokConfig.preset("fast", 7, 0);
        assertThrows(InvalidInputException.class, () -> GrokConfig.preset("fast", 1, 0));
        assertThrows(InvalidInputException.class, () -> c.withTrainFraction(0));
        assertThrows(InvalidInputException.class, () -> c.withTrainFraction(1.0));
        assertThrows(InvalidInputException.class, () -> c.withTrainFraction(1.5));
        assertThrows(InvalidInputException.class, () -> c.withLr(0));
        assertThrows(InvalidInputException.class, () -> c.withLr(-1e-3));
        assertThrows(InvalidInputException.class, () -> c.withHeads(3)); // 128 not divisible by 3
        assertThrows(InvalidInputException.class, () -> c.withSmoothWindow(4));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GrokConfig.preset("nope", 7, 0));
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void jsonRoundTripsAndOverridesApply() throws Exception {
        GrokConfig c = GrokConfig.preset("fast", 11, 4).withLayers(3).withLr(2e-3).withBetas(0.8, 0.95).withBatch(32);
        GrokConfig back = Json.mapper().readValue(c.toJson(), GrokConfig.class);
        assertEquals(c, back);
        assertEquals(3, back.layers());
        assertEquals(0.8, back.beta1());
        assertEquals(32, back.effectiveBatch());
        assertEquals(c.dModel() / c.heads(), c.dk());
    }
}
