package io.thermoscope.train;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task data: a seeded partition of all p² pairs, correct answers, one-hot encodings. */
class ModularAdditionTest {

    @Test
    void splitPartitionsAllPairsAndIsSeeded() {
        GrokConfig c = GrokConfig.preset("fast", 13, 5).withTrainFraction(0.4);
        ModularAddition d = ModularAddition.of(c);
        assertEquals(Math.round(0.4 * 169), d.train().length);
        Set<Integer> all = new HashSet<>();
        for (int i : d.train()) all.add(i);
        for (int i : d.val()) assertTrue(all.add(i), "train and val overlap at " + i);
        assertEquals(169, all.size());
        assertArrayEquals(d.train(), ModularAddition.of(c).train());
        assertFalse(Arrays.equals(d.train(), ModularAddition.of(c.withSeed(6)).train()));
        assertEquals(Math.min(c.probeSize(), 169), d.probe().length);
    }

    @Test
    void tokensAndAnswers() {
        ModularAddition d = ModularAddition.of(GrokConfig.preset("fast", 7, 0));
        for (int a = 0; a < 7; a++) {
            for (int b = 0; b < 7; b++) {
                int idx = a * 7 + b;
                assertArrayEquals(new int[] {a, b, 7}, d.tokens(idx));
                int expected = a + b >= 7 ? a + b - 7 : a + b;
                assertEquals(expected, d.answer(idx));
            }
        }
        long[] ids = d.tokenIds(new int[] {3 * 7 + 5, 6});
        assertArrayEquals(new long[] {3, 5, 7, 0, 6, 7}, ids);
        assertArrayEquals(new long[] {1, 6}, d.answerIds(new int[] {3 * 7 + 5, 6}));
    }
}
