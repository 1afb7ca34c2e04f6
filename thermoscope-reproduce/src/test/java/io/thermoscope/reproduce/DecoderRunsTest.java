package io.thermoscope.reproduce;

import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.Document;
import io.thermoscope.corpus.Genre;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.Forward;
import io.thermoscope.train.lm.LmConfig;
import io.thermoscope.train.lm.TrainedDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported decoder's logits, run by ONNX Runtime, equal the trainer's forward pass within 1e-4. */
class DecoderRunsTest {

    /** Seeded English-like documents. */
    static Corpus text(int docs, int sentences) {
        String[] words = {"the", "jury", "said", "that", "city", "election", "was", "conducted", "and", "praise", "of",
                "a", "river", "house", "old", "man", "found", "near", "road"};
        SplittableRandom r = new SplittableRandom(9);
        List<Document> out = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                int len = 4 + r.nextInt(6);
                for (int w = 0; w < len; w++) sb.append(w == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
                sb.append(". ");
            }
            out.add(new Document(String.format("t%02d", d), Genre.UNCLASSIFIED, sb.toString()));
        }
        return new Corpus("synthetic", out, Map.of());
    }

    @Test
    void onnxLogitsEqualTheTrainersForwardPass(@TempDir Path dir) {
        LmConfig cfg = LmConfig.preset("tiny", 5).withModel(new LmConfig.Architecture(2, 32, 4, 64, 32, 10000))
                .withSchedule(new LmConfig.Schedule(8, 30, 15, 8, 8, 0));
        DecoderRuns.trainAndExport(cfg, text(20, 30), dir, false, null, List.of("test"));
        byte[] prompt = "the jury said that the city was".getBytes(StandardCharsets.UTF_8);
        long[] ids = new long[prompt.length];
        for (int i = 0; i < ids.length; i++) ids[i] = prompt[i] & 0xFF;
        float[][] reference;
        try (TrainedDecoder d = TrainedDecoder.load(dir)) {
            reference = d.logits(ids);
        }
        try (AttentionModel m = AttentionModel.load(DecoderRuns.source(dir))) {
            assertTrue(m.rotary());
            Forward f = m.forward(m.tokenize(new String(prompt, StandardCharsets.UTF_8)));
            assertEquals(ids.length, f.tokens());
            double worst = 0;
            for (int i = 0; i < ids.length; i++) {
                for (int v = 0; v < 256; v++) worst = Math.max(worst, Math.abs(f.hidden()[i][v] - reference[i][v]));
            }
            System.out.println("max abs logit difference ONNX vs trainer: " + worst);
            assertTrue(worst <= 1e-4, "max |Δ logit| = " + worst);
        }
    }
}
