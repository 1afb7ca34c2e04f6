package io.thermoscope.corpus;

import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * A user's corpus: every regular file under a directory (recursively; names starting with '.' are ignored) is one
 * document, its id the path relative to the directory. A file that cannot be read, is larger than 64 MiB, holds a
 * NUL byte (binary), is not valid UTF-8, or is blank is skipped and counted by reason; a directory with nothing
 * usable is an error naming the counts.
 */
public final class TextDirectory {

    /** Largest file read as a document. */
    static final long MAX_BYTES = 64L << 20;

    private TextDirectory() {
    }

    /** The documents under {@code dir} (see the class comment); error when it is not a readable directory. */
    public static Corpus read(Path dir) {
        if (!Files.isDirectory(dir)) throw new InvalidInputException(dir + " is not a directory");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> !p.equals(dir) && !hidden(dir.relativize(p))).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage());
        }
        List<Document> docs = new ArrayList<>();
        EnumMap<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        for (Path f : files) {
            if (Files.isDirectory(f)) continue;
            String id = dir.relativize(f).toString().replace('\\', '/');
            SkipReason why = null;
            String text = null;
            try {
                if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                    why = SkipReason.UNREADABLE;
                } else if (Files.size(f) > MAX_BYTES) {
                    why = SkipReason.TOO_LARGE;
                } else {
                    byte[] b = Files.readAllBytes(f);
                    if (hasNul(b)) {
                        why = SkipReason.BINARY;
                    } else {
                        text = utf8(b);
                        if (text == null) why = SkipReason.NOT_UTF8;
                        else if (text.isBlank()) why = SkipReason.TOO_SHORT;
                    }
                }
            } catch (IOException e) {
                why = SkipReason.UNREADABLE;
            }
            if (why != null) skipped.merge(why, 1, Integer::sum);
            else docs.add(new Document(id, Genre.UNCLASSIFIED, text.strip()));
        }
        return new Corpus(dir.toString(), docs, skipped);
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) if (part.toString().startsWith(".")) return true;
        return false;
    }

    private static boolean hasNul(byte[] b) {
        for (byte x : b) if (x == 0) return true;
        return false;
    }

    /** Strict UTF-8 decoding (a leading byte-order mark dropped); null when the bytes are not UTF-8. */
    private static String utf8(byte[] b) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
