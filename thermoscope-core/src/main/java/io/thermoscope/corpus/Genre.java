package io.thermoscope.corpus;

import java.util.Locale;

/**
 * The fifteen genres of the Brown corpus (Francis and Kučera), named as in the corpus's own {@code cats.txt}; a
 * Brown file id starts with "c" and the genre letter ({@code ca01} is press reportage). Documents that do not come
 * from the Brown corpus are {@link #UNCLASSIFIED}.
 */
public enum Genre {
    /** A: press, reportage. */
    NEWS('a'),
    /** B: press, editorial. */
    EDITORIAL('b'),
    /** C: press, reviews. */
    REVIEWS('c'),
    /** D: religion. */
    RELIGION('d'),
    /** E: skills and hobbies. */
    HOBBIES('e'),
    /** F: popular lore. */
    LORE('f'),
    /** G: belles lettres, biography, memoirs. */
    BELLES_LETTRES('g'),
    /** H: government documents and miscellaneous. */
    GOVERNMENT('h'),
    /** J: learned and scientific writing. */
    LEARNED('j'),
    /** K: general fiction. */
    FICTION('k'),
    /** L: mystery and detective fiction. */
    MYSTERY('l'),
    /** M: science fiction. */
    SCIENCE_FICTION('m'),
    /** N: adventure and western fiction. */
    ADVENTURE('n'),
    /** P: romance and love story. */
    ROMANCE('p'),
    /** R: humor. */
    HUMOR('r'),
    /** Not a Brown document (a user's own text directory). */
    UNCLASSIFIED('\0');

    private final char letter;

    Genre(char letter) {
        this.letter = letter;
    }

    /** The Brown file-id letter ('a' … 'r'); '\0' for {@link #UNCLASSIFIED}. */
    public char letter() {
        return letter;
    }

    /** The name used by the corpus's {@code cats.txt}, e.g. "belles_lettres". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The genre of a Brown file id such as {@code ck28}; null when the id is not one. */
    public static Genre ofBrownId(String id) {
        if (id.length() != 4 || id.charAt(0) != 'c' || !Character.isDigit(id.charAt(2))
                || !Character.isDigit(id.charAt(3))) {
            return null;
        }
        for (Genre g : values()) if (g != UNCLASSIFIED && g.letter == id.charAt(1)) return g;
        return null;
    }

    /** The genre named {@code label} in {@code cats.txt}; null when unknown. */
    public static Genre ofLabel(String label) {
        for (Genre g : values()) if (g != UNCLASSIFIED && g.label().equals(label)) return g;
        return null;
    }
}
