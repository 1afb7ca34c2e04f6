package io.thermoscope.corpus;

/** Why a file of a corpus directory (or a document) was left out. */
public enum SkipReason {
    /** The file could not be read (permissions, I/O error, not a regular file). */
    UNREADABLE("unreadable"),
    /** The file is larger than a text document of the analyses can be (over 64 MiB). */
    TOO_LARGE("too large"),
    /** The file holds NUL bytes: binary, not text. */
    BINARY("binary"),
    /** The bytes are not valid UTF-8. */
    NOT_UTF8("not UTF-8"),
    /** Too short for the analysis (fewer tokens or words than it needs). */
    TOO_SHORT("too short");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /** The reason in words, as reports print it. */
    public String label() {
        return label;
    }
}
