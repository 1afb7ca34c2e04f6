package io.thermoscope.models;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thermoscope.InvalidInputException;

/**
 * Fuzzes the ONNX reader and attention locator: any byte string either edits cleanly or fails with a one-line
 * {@link InvalidInputException}; nothing else may escape (no NPE, no OOM from a lying dimension, no runaway search).
 * In the normal test run this replays the committed seed corpus (regression mode); real fuzzing is opt-in:
 * {@code JAZZER_FUZZ=1 mvn -pl thermoscope-models test -Dtest=AttentionGraphFuzzTest} (see DEVELOPERS.md).
 */
class AttentionGraphFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void exposeFailsOnlyWithInvalidInput(byte[] data) {
        try {
            AttentionGraph.Edited e = AttentionGraph.expose(data);
            if (e.sites().isEmpty()) throw new AssertionError("expose returned no sites without an error");
        } catch (InvalidInputException e) {
            if (e.getMessage() == null || e.getMessage().lines().count() != 1) {
                throw new AssertionError("error message is not one line: " + e.getMessage());
            }
        }
    }
}
