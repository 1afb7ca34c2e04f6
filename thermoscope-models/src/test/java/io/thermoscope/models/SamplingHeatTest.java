package io.thermoscope.models;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sampling at temperatures with the TdS share of each token, words against a vocabulary, and the AUC. */
class SamplingHeatTest {
    @TempDir
    static Path dir;
    static AttentionModel model;

    @BeforeAll
    static void export() throws Exception {
        model = DecoderExportTest.exported(dir, 3);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void wordsTouchingAnEndAreLeftOutAndCarryTheirCharactersHeat() {
        String text = "ng the cat sat xq";
        double[] heat = new double[text.length()];
        for (int i = 0; i < heat.length; i++) heat[i] = i;
        List<SamplingHeat.Word> w = SamplingHeat.words(text, heat, Set.of("the", "cat"));
        assertEquals(List.of("the", "cat", "sat"), w.stream().map(SamplingHeat.Word::text).toList());
        assertEquals((3 + 4 + 5) / 3.0, w.get(0).heatShare(), 1e-12);
        assertTrue(w.get(1).known() && !w.get(2).known());
        assertEquals(Set.of("the", "cat", "sat"), SamplingHeat.words("The cat, the SAT."));
    }

    @Test
    void aucIsTheMannWhitneyProbability() {
        SplittableRandom r = new SplittableRandom(1);
        List<SamplingHeat.Word> words = new ArrayList<>();
        for (int i = 0; i < 60; i++) words.add(new SamplingHeat.Word("w", Math.round(r.nextDouble() * 10) / 10.0, r.nextBoolean()));
        double wins = 0, pairs = 0;
        for (var u : words) {
            for (var k : words) {
                if (u.known() || !k.known()) continue;
                pairs++;
                wins += u.heatShare() > k.heatShare() ? 1 : u.heatShare() == k.heatShare() ? 0.5 : 0;
            }
        }
        assertEquals(wins / pairs, SamplingHeat.auc(words), 1e-12);
        assertTrue(Double.isNaN(SamplingHeat.auc(List.of(new SamplingHeat.Word("a", 0.1, true)))));
    }

    @Test
    void samplesAreSeededAndHotterSamplingHasMoreHeat() {
        List<SamplingHeat.Prompt> prompts = List.of(new SamplingHeat.Prompt("a", "The city said that"),
                new SamplingHeat.Prompt("b", "An old man found it"));
        SamplingHeat.Options o = new SamplingHeat.Options(List.of(0.3, 3.0), 8, 12, 7);
        List<SamplingHeat.Continuation> c = SamplingHeat.run(model, prompts, Set.of("the"), o);
        assertEquals(4, c.size());
        assertEquals(c, SamplingHeat.run(model, prompts, Set.of("the"), o), "same seed, same samples");
        for (SamplingHeat.Continuation k : c) {
            assertTrue(k.meanHeat() >= 0 && k.meanHeat() <= 1, "heat share in [0, 1]: " + k.meanHeat());
            assertEquals(k.meanF(), k.meanU() - k.tau() * k.meanS(), 1e-6 * (1 + Math.abs(k.meanF())), "F = U − τS");
        }
        assertTrue(c.get(1).meanHeat() > c.get(0).meanHeat(), "τ = 3 is hotter than τ = 0.3");
    }
}
