package io.thermoscope.corpus;

import io.thermoscope.InvalidInputException;

/**
 * One plain-text document of a corpus.
 *
 * @param id    stable identifier: the Brown file id ({@code ca01}) or the file's path relative to the corpus directory
 * @param genre the Brown genre, or {@link Genre#UNCLASSIFIED}
 * @param text  the document as plain UTF-8 text (tags stripped)
 */
public record Document(String id, Genre genre, String text) {

    /** Validates the document. */
    public Document {
        if (id == null || id.isBlank()) throw new InvalidInputException("a document needs an id");
        if (genre == null || text == null) throw new InvalidInputException("document " + id + " lacks a genre or text");
    }

    /** Number of whitespace-separated words. */
    public int words() {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            boolean ws = Character.isWhitespace(text.charAt(i));
            if (!ws && !in) n++;
            in = !ws;
        }
        return n;
    }
}
