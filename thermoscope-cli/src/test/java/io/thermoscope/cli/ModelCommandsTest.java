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
                "A second, slightly longer prompt about the weather in spring.", "--bootstrap", "10", "--json",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        JsonNode heads = j.get("heads");
        assertEquals(72, heads.size());
        for (JsonNode h : heads) {
            for (String k : List.of("layer", "head", "T", "logZ", "F", "U", "S", "Cv", "nEff", "gamma", "phase")) {
                assertTrue(h.has(k), k);
            }
        }
        assertEquals(5, heads.get(5 * 12 + 11).get("layer").asInt());
        assertEquals(11, heads.get(5 * 12 + 11).get("head").asInt());
        assertEquals(Math.sqrt(32), heads.get(0).get("T").asDouble(), 1e-15);
        assertTrue(j.has("provenance"));
        for (String f : List.of("atlas.json", "atlas.csv", "atlas-cv.png", "atlas-cv.svg", "atlas-entropy.png",
                "atlas-gamma.svg")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
    }

    @Test
    void kappaReportsACurveAndAConvergenceVerdictPerModel(@TempDir Path dir) {
        CliRun r = CliRun.of("kappa", "--model", "minilm", "--max-context", "40", "--min-context", "8", "--points",
                "6", "--prompts", "2", "--json", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = r.json().get("models").get(0);
        assertEquals("minilm", m.get("model").asText());
        assertEquals(6, m.get("curve").size());
        assertEquals(40, m.get("curve").get(5).get("V").asInt());
        assertTrue(m.get("convergence").has("converged"));
        assertTrue(Files.exists(dir.resolve("kappa.svg")) && Files.exists(dir.resolve("kappa.png")));
    }

    @Test
    void tooLongInputIsAnErrorWithoutTruncate(@TempDir Path dir) {
        String text = "word ".repeat(700);
        CliRun r = CliRun.of("atlas", "--model", "minilm", "--prompt", text, "--out", dir.toString());
        assertTrue(r.isOneLineUserError(), r.err());
        assertTrue(r.err().contains("512"), r.err());
        CliRun t = CliRun.of("atlas", "--model", "minilm", "--prompt", text, "--truncate", "--bootstrap", "0",
                "--out", dir.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("warning: input of 702 tokens truncated to 512"), t.err());
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
        CliRun r = CliRun.of("atlas", "--model", m.toString(), "--text", text.toString(), "--bootstrap", "0",
                "--json", "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("model.onnx", j.get("model").asText());
        assertEquals(2, j.get("prompts").asInt());
        assertEquals(72, j.get("heads").size());
        Path tok = dir.resolve("elsewhere.json");
        Files.move(m.resolve("tokenizer.json"), tok);
        CliRun t = CliRun.of("atlas", "--model", m.resolve("model.onnx").toString(), "--tokenizer", tok.toString(),
                "--prompt", "Hello there.", "--bootstrap", "0", "--json", "--out", dir.resolve("out2").toString());
        assertEquals(0, t.code(), t.err());
        assertEquals(1, t.json().get("prompts").asInt());
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
