package io.thermoscope.corpus;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class CorpusTest {

    static Corpus numbered(int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) docs.add(new Document(String.format("d%03d", i), Genre.UNCLASSIFIED, "w".repeat(i + 1)));
        return new Corpus("numbered", docs, Map.of());
    }

    @Test
    void documentsAreInIdOrderAndSamplesAreSeeded() {
        Corpus c = numbered(100);
        assertEquals("d000", c.ids().get(0));
        Corpus a = c.sample(10, 7), b = c.sample(10, 7), other = c.sample(10, 8);
        assertEquals(a.ids(), b.ids());
        assertNotEquals(a.ids(), other.ids());
        assertEquals(10, a.size());
        assertEquals(a.ids().stream().sorted().toList(), a.ids());
        assertSame(c, c.sample(100, 1));
    }

    @Test
    void filtersCountWhatTheyDrop() {
        Corpus c = numbered(10).filter(d -> d.text().length() > 3, SkipReason.TOO_SHORT);
        assertEquals(7, c.size());
        assertEquals(Map.of(SkipReason.TOO_SHORT, 3), c.skipped());
        assertEquals(3, c.skippedCount());
        assertEquals(Map.of(), numbered(3).skipped());
    }

    @Test
    void sourcesDescribeThemselves() {
        assertEquals(BrownCorpus.NAME, CorpusSource.of(null).describe());
        assertEquals("text files under /tmp/x", CorpusSource.of(Path.of("/tmp/x")).describe());
    }

    @Test
    void theCacheFollowsTheEnvironment() {
        assertEquals(Path.of("/c"), CacheDirectory.root(Map.of("THERMOSCOPE_CACHE", "/c", "XDG_CACHE_HOME", "/x"), "/h"));
        assertEquals(Path.of("/x/thermoscope"), CacheDirectory.root(Map.of("XDG_CACHE_HOME", "/x"), "/h"));
        assertEquals(Path.of("/h/.cache/thermoscope"), CacheDirectory.root(Map.of(), "/h"));
    }
}
