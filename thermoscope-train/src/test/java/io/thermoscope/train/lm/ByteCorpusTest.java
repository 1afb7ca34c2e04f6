package io.thermoscope.train.lm;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.Document;
import io.thermoscope.corpus.Genre;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteCorpusTest {
    @Test
    void splitsByDocumentDeterministicallyAndSkipsShortOnes() {
        List<Document> docs = new ArrayList<>(TinyText.documents(20, 10, 2).documents());
        docs.add(new Document("short", Genre.UNCLASSIFIED, "too short"));
        ByteCorpus a = ByteCorpus.split(new Corpus("a", docs, Map.of()), new LmConfig.Split(0.25, 7), 64);
        ByteCorpus b = ByteCorpus.split(new Corpus("b", docs.reversed(), Map.of()), new LmConfig.Split(0.25, 7), 64);
        assertEquals(5, a.validation().size());
        assertEquals(15, a.train().size());
        assertEquals(1, a.skipped());
        assertEquals(a.validation().stream().map(ByteCorpus.Doc::id).toList(), b.validation().stream().map(ByteCorpus.Doc::id).toList());
        Set<String> ids = new HashSet<>();
        a.train().forEach(d -> ids.add(d.id()));
        a.validation().forEach(d -> assertFalse(ids.contains(d.id()), "a document is in both sets"));
    }

    @Test
    void aCorpusTooSmallForTheContextIsRefused() {
        Corpus docs = TinyText.documents(3, 2, 2);
        var e = assertThrows(InvalidInputException.class, () -> ByteCorpus.split(docs, new LmConfig.Split(0.1, 0), 4096));
        assertTrue(e.getMessage().contains("too small for context 4096"), e.getMessage());
    }

    @Test
    void batchesAreAPureFunctionOfSeedAndStepAndStayInsideDocuments() {
        ByteCorpus c = ByteCorpus.split(TinyText.documents(10, 12, 4), new LmConfig.Split(0.2, 0), 16);
        assertArrayEquals(c.trainingBatch(5, 17, 8), c.trainingBatch(5, 17, 8));
        assertFalse(java.util.Arrays.equals(c.trainingBatch(5, 17, 8), c.trainingBatch(5, 18, 8)));
        long[] batch = c.trainingBatch(5, 3, 64);
        for (int w = 0; w < 64; w++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j <= 16; j++) sb.append((char) batch[w * 17 + j]);
            String window = sb.toString();
            assertTrue(c.train().stream().anyMatch(d -> new String(d.bytes()).contains(window)), window);
        }
        List<ByteCorpus.Window> v = c.validationWindows(5);
        assertEquals(0, v.get(0).doc());
        assertEquals(1, v.get(1).doc(), "round-robin over documents");
        assertEquals(5, c.windowBytes(v).length / 17);
        long[] flat = c.windowBytes(v);
        List<long[]> inputs = c.windowInputs(v);
        assertEquals(5, inputs.size());
        for (int w = 0; w < 5; w++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(flat, w * 17, w * 17 + 16), inputs.get(w), "inputs drop the target byte");
        }
    }
}
