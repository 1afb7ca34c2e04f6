package io.thermoscope.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code thermoscope lm} contract on a directory of text files: training, export, analyses, one-line errors. */
class LmCommandTest {
    @TempDir
    static Path dir;
    static Path corpus, run;

    /** Twelve seeded English-like documents of ~2 kB in a directory, one tiny decoder trained on them. */
    @BeforeAll
    static void train() throws Exception {
        corpus = Files.createDirectories(dir.resolve("texts"));
        String[] words = {"the", "jury", "said", "city", "election", "was", "and", "of", "a", "river", "house", "man"};
        SplittableRandom r = new SplittableRandom(1);
        for (int d = 0; d < 12; d++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 2000) sb.append(words[r.nextInt(words.length)]).append(r.nextInt(8) == 0 ? ". " : " ");
            Files.writeString(corpus.resolve("doc" + d + ".txt"), sb.toString());
        }
        run = dir.resolve("run");
        CliRun r0 = CliRun.of("lm", "train", "--corpus", corpus.toString(), "--preset", "tiny", "--steps", "20",
                "--out", run.toString());
        assertEquals(0, r0.code(), r0.err());
        assertTrue(r0.out().contains("bits/byte") && r0.out().contains("KN-5"), r0.out());
    }

    @Test
    void trainingWritesTheDecoderAsAUsersModel() throws Exception {
        for (String f : new String[] {"model.onnx", "tokenizer.json", "summary.json", "samples.json", "metrics.csv",
            "checkpoint.bin", "config.json"}) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        CliRun again = CliRun.of("lm", "train", "--corpus", corpus.toString(), "--preset", "tiny", "--steps", "20",
                "--out", run.toString());
        assertTrue(again.isOneLineUserError() && again.err().contains("--resume"), again.err());
        CliRun resumed = CliRun.of("lm", "train", "--corpus", corpus.toString(), "--preset", "tiny", "--steps", "20",
                "--out", run.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
    }

    @Test
    void analysesRunOnTheExport() {
        CliRun heat = CliRun.of("lm", "heat", "--model", run.toString(), "--corpus", corpus.toString(), "--prompts", "3",
                "--prompt-tokens", "8", "--new-tokens", "16");
        assertEquals(0, heat.code(), heat.err());
        assertTrue(heat.out().contains("AUC"), heat.out());
        CliRun depth = CliRun.of("lm", "depth", "--model", run.toString(), "--corpus", corpus.toString(), "--documents", "3");
        assertEquals(0, depth.code(), depth.err());
        assertTrue(depth.out().contains("1 layers"), depth.out());
        CliRun rope = CliRun.of("lm", "rope", "--model", run.toString(), "--corpus", corpus.toString(), "--documents", "3");
        assertEquals(0, rope.code(), rope.err());
        assertTrue(rope.out().contains("relative energy change"), rope.out());
    }

    @Test
    void badInputIsOneLine(@TempDir Path other) throws Exception {
        CliRun tooLong = CliRun.of("lm", "train", "--corpus", corpus.toString(), "--preset", "tiny", "--context", "4096",
                "--out", other.resolve("x").toString());
        assertTrue(tooLong.isOneLineUserError() && tooLong.err().contains("too small for context 4096"), tooLong.err());
        assertTrue(Files.notExists(other.resolve("x")), "nothing is left behind");
        Path noAttention = Files.createDirectories(other.resolve("no-attention"));
        Files.write(noAttention.resolve("model.onnx"), io.thermoscope.models.onnx.OnnxProto.ModelProto.newBuilder()
                .setIrVersion(8).setGraph(io.thermoscope.models.onnx.OnnxProto.GraphProto.newBuilder().setName("empty"))
                .build().toByteArray());
        Files.writeString(noAttention.resolve("tokenizer.json"), io.thermoscope.models.ByteTokenizer.json());
        CliRun heat = CliRun.of("lm", "heat", "--model", noAttention.toString(), "--corpus", corpus.toString());
        assertTrue(heat.isOneLineUserError() && heat.err().contains("cannot locate attention"), heat.err());
        CliRun bad = CliRun.of("lm", "train", "--corpus", other.resolve("missing").toString(), "--out", other.resolve("y").toString());
        assertTrue(bad.isOneLineUserError(), bad.err());
    }
}
