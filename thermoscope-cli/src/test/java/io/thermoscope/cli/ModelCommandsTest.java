package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.models.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The atlas and kappa commands: JSON contract, files, and one-line errors (exit 2) for broken inputs. */
class ModelCommandsTest {

    @Test
    void atlasJsonHasOneObjectPerHeadWithTheContractKeys(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("atlas", "--model", "minilm", "--prompt", "The cat sat on the mat.", "--prompt",
                "A second, slightly longer prompt about the weather in spring.", "--bootstrap", "100", "--json", "--out",
                dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        JsonNode heads = j.get("heads");
        assertEquals(72, heads.size());
        for (JsonNode h : heads) {
            for (String k : List.of("layer", "head", "thermodynamics", "decay")) assertTrue(h.has(k), k);
            for (String k : List.of("logZ", "F", "U", "S", "Cv", "nEff")) assertTrue(h.get("thermodynamics").has(k), k);
            for (String k : List.of("gamma", "lambda", "phaseByFit", "phaseByCapture")) assertTrue(h.get("decay").has(k), k);
        }
        assertEquals(5, heads.get(5 * 12 + 11).get("layer").asInt());
        assertEquals(11, heads.get(5 * 12 + 11).get("head").asInt());
        assertEquals(Math.sqrt(32), j.get("T").asDouble(), 1e-15);
        assertEquals(2, j.get("documents").size());
        assertTrue(j.has("provenance") && j.has("shareNearOne"));
        for (String f : List.of("atlas.json", "atlas.csv", "atlas-cv.png", "atlas-cv.svg", "atlas-entropy.png",
                "atlas-gamma.svg", "gamma-histogram.svg", "documents.txt")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
    }

    /** A corpus directory: files that cannot be documents are skipped and counted; nothing usable is one line. */
    @Test
    void corpusDirectoriesAreReadWithSkipsCounted(@TempDir Path dir) throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("a.txt"), "The first document is about the sea and the ships on it.");
        Files.writeString(corpus.resolve("b.txt"), "The second document is about mountains, snow and the cold.");
        Files.write(corpus.resolve("c.bin"), new byte[] {1, 0, 2, 3});
        Files.write(corpus.resolve("d.txt"), new byte[] {(byte) 0xc3, (byte) 0x28});
        CliRun r = CliRun.of("atlas", "--model", "minilm", "--corpus", corpus.toString(), "--bootstrap", "100", "--out",
                dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("2 files skipped (1 binary, 1 not UTF-8)"), r.err());
        assertTrue(r.out().contains("2 documents"), r.out());
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.write(bad.resolve("x.bin"), new byte[] {0, 0});
        CliRun e = CliRun.of("atlas", "--model", "minilm", "--corpus", bad.toString(), "--out", dir.resolve("o2").toString());
        assertTrue(e.isOneLineUserError() && e.err().contains("1 binary"), e.err());
        CliRun k = CliRun.of("kappa", "--model", "minilm", "--corpus", corpus.toString(), "--out", dir.resolve("o3").toString());
        assertTrue(k.isOneLineUserError() && k.err().contains("512 tokens needed (2 too short)"), k.err());
        assertFalse(Files.exists(dir.resolve("o2")) || Files.exists(dir.resolve("o3")), "no output left behind");
    }

    @Test
    void kappaReportsPvOverTPerOctave(@TempDir Path dir) throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        for (int i = 0; i < 2; i++) Files.writeString(corpus.resolve(i + ".txt"), io.thermoscope.models.DefaultCorpus.passages().get(i));
        CliRun r = CliRun.of("kappa", "--model", "minilm", "--corpus", corpus.toString(), "--max-context", "128",
                "--min-context", "16", "--bootstrap", "100", "--json", "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = r.json().get("models").get(0);
        assertEquals("minilm", m.get("model").asText());
        assertEquals(2, m.get("documents").size());
        JsonNode c = m.get("compressibility");
        assertEquals(3, c.get("windows").size()); // [64, 128], [32, 64], [16, 32]
        assertEquals(128, c.get("windows").get(0).get("high").asInt());
        assertTrue(c.get("relativeChange").has("low") && c.has("kappa") && c.has("kappaIdeal"));
        assertTrue(Files.exists(dir.resolve("out/kappa.svg")) && Files.exists(dir.resolve("out/kappa.png")));
    }

    @Test
    void tooLongInputIsAnErrorWithoutTruncate(@TempDir Path dir) {
        String text = "word ".repeat(700);
        CliRun r = CliRun.of("atlas", "--model", "minilm", "--prompt", text, "--out", dir.toString());
        assertTrue(r.isOneLineUserError(), r.err());
        assertTrue(r.err().contains("512"), r.err());
        CliRun t = CliRun.of("atlas", "--model", "minilm", "--prompt", text, "--prompt", "A short one.", "--truncate",
                "--bootstrap", "100", "--out", dir.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("warning: 1 inputs truncated to 512 tokens"), t.err());
        CliRun k = CliRun.of("kappa", "--model", "minilm", "--max-context", "1000", "--out", dir.toString());
        assertTrue(k.isOneLineUserError(), k.err());
    }

    @Test
    void brokenModelFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
        byte[] tokenizer = ModelSource.MINILM.readTokenizer();
        byte[] onnx = ModelSource.MINILM.readOnnx();
        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        Files.write(corrupt.resolve("model.onnx"), junk);
        Files.write(corrupt.resolve("tokenizer.json"), tokenizer);
        Path truncated = Files.createDirectories(dir.resolve("truncated"));
        Files.write(truncated.resolve("model.onnx"), Arrays.copyOf(onnx, onnx.length / 3));
        Files.write(truncated.resolve("tokenizer.json"), tokenizer);
        Path badTok = Files.createDirectories(dir.resolve("badtok"));
        Files.write(badTok.resolve("model.onnx"), onnx);
        Files.writeString(badTok.resolve("tokenizer.json"), "{\"model\": {\"type\": \"Nonsense\"");
        for (Path m : List.of(corrupt, truncated, badTok)) {
            CliRun r = CliRun.of("atlas", "--model", m.toString(), "--prompt", "hello", "--out",
                    dir.resolve("out").toString());
            assertTrue(r.isOneLineUserError(), m + ": " + r.err());
        }
        assertFalse(Files.exists(dir.resolve("out")), "no output left behind");
        CliRun unknown = CliRun.of("atlas", "--model", "no-such-model");
        assertTrue(unknown.isOneLineUserError(), unknown.err());
    }

    @Test
    void aLocalOnnxDirectoryAndATextFileWork(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("local"));
        Files.write(m.resolve("model.onnx"), ModelSource.MINILM.readOnnx());
        Files.write(m.resolve("tokenizer.json"), ModelSource.MINILM.readTokenizer());
        Path text = dir.resolve("prompts.txt");
        Files.writeString(text, "# two prompts\nThe first prompt.\n\nThe second prompt is here.\n");
        CliRun r = CliRun.of("atlas", "--model", m.toString(), "--text", text.toString(), "--bootstrap", "100", "--json",
                "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("model.onnx", j.get("model").asText());
        assertEquals(2, j.get("documents").size());
        assertEquals(72, j.get("heads").size());
        Path tok = dir.resolve("elsewhere.json");
        Files.move(m.resolve("tokenizer.json"), tok);
        CliRun t = CliRun.of("atlas", "--model", m.resolve("model.onnx").toString(), "--tokenizer", tok.toString(),
                "--prompt", "Hello there, with enough words to have distances.", "--bootstrap", "100", "--json", "--out",
                dir.resolve("out2").toString());
        assertEquals(0, t.code(), t.err());
        assertEquals(1, t.json().get("documents").size());
        CliRun missing = CliRun.of("atlas", "--model", m.toString(), "--prompt", "x");
        assertTrue(missing.isOneLineUserError() && missing.err().contains("tokenizer.json"), missing.err());
    }

    @Test
    void npyWithALyingHeaderIsAOneLineError(@TempDir Path dir) throws Exception {
        // header claims 4 × 8 float64 values, the file holds 3
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 8), }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 24).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).putDouble(1).putDouble(2).putDouble(3);
        Path q = dir.resolve("q.npy");
        Files.write(q, b.array());
        CliRun r = CliRun.of("head", "--q", q.toString(), "--k", q.toString());
        assertTrue(r.isOneLineUserError(), r.err());
    }
}
