package io.thermoscope.train.lm;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteNGramTest {
    static final ByteCorpus CORPUS = ByteCorpus.split(TinyText.documents(30, 40, 1), new LmConfig.Split(0.2, 0), 32);

    @Test
    void everyOrderIsANormalisedDistributionForAnyHistory() {
        ByteNGram m = new ByteNGram(CORPUS.train(), 5);
        SplittableRandom r = new SplittableRandom(3);
        byte[] text = CORPUS.validation().get(0).bytes();
        for (int trial = 0; trial < 40; trial++) {
            long[] ctx = new long[6];
            boolean seen = trial % 2 == 0; // half the histories from real text, half random bytes (unseen contexts)
            int at = r.nextInt(text.length - 6);
            for (int i = 0; i < ctx.length; i++) ctx[i] = seen ? text[at + i] & 0xFF : r.nextInt(256);
            for (int n = 1; n <= 5; n++) {
                for (int from : new int[] {0, 3, 6}) {
                    double sum = 0;
                    for (int w = 0; w < 256; w++) {
                        double p = m.probability(ctx, from, 6, w, n);
                        assertTrue(p > 0, "every byte must have positive probability");
                        sum += p;
                    }
                    assertEquals(1.0, sum, 1e-12, "order " + n + " history from " + from);
                }
            }
        }
        double uni = 0;
        for (int w = 0; w < 256; w++) uni += m.unigram(w);
        assertEquals(1.0, uni, 1e-12);
    }

    @Test
    void higherOrdersPredictStructuredTextBetter() {
        List<ByteCorpus.Window> windows = CORPUS.validationWindows(40);
        NGramBaselines b = NGramBaselines.of(CORPUS, CORPUS.windowBytes(windows), 5);
        double prev = b.unigram();
        for (NGramBaselines.Order o : b.kneserNey()) {
            assertTrue(o.bitsPerByte() < prev, "order " + o.order() + ": " + o.bitsPerByte() + " vs " + prev);
            prev = o.bitsPerByte();
        }
        assertEquals(5, b.best().order());
        assertTrue(b.unigram() < 8, "a unigram beats the uniform 8 bits per byte");
    }

    @Test
    void unigramBitsMatchTheClosedForm() {
        ByteNGram m = new ByteNGram(CORPUS.train(), 1);
        long[] window = {'a', 'b', 'a'};
        double expected = -(Math.log(m.unigram('b')) + Math.log(m.unigram('a'))) / 2 / Math.log(2);
        assertEquals(expected, m.bitsPerByte(window, 2, 0), 1e-15);
        assertThrows(InvalidInputException.class, () -> new ByteNGram(CORPUS.train(), 8));
        assertThrows(InvalidInputException.class, () -> m.probability(window, 0, 1, 'a', 2));
    }
}
