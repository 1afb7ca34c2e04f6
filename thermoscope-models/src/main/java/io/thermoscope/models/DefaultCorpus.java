package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Document;
import io.thermoscope.corpus.Genre;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The small built-in prompt set (for tests and quick looks; the real-model commands and stages default to the Brown
 * corpus, {@link io.thermoscope.corpus.BrownCorpus}): a dozen committed English sentences plus seeded random-word
 * prompts drawn from their vocabulary (word order destroyed, word statistics kept), and two long passages.
 */
public final class DefaultCorpus {

    private DefaultCorpus() {
    }

    /** The committed English sentences. */
    public static List<String> sentences() {
        try (InputStream in = DefaultCorpus.class.getResourceAsStream("corpus.txt")) {
            if (in == null) throw new IllegalStateException("corpus.txt missing from the jar");
            return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded corpus", e);
        }
    }

    /** The sentences followed by {@code randomPrompts} prompts of {@code words} random corpus words each. */
    public static List<String> prompts(long seed, int randomPrompts, int words) {
        List<String> out = new ArrayList<>(sentences());
        out.addAll(randomWords(seed, randomPrompts, words));
        return out;
    }

    /** The default atlas corpus: the 12 sentences and 8 random-word prompts of 40 words (seed 0). */
    public static List<String> defaults() {
        return prompts(0L, 8, 40);
    }

    /** {@code count} prompts of {@code words} words drawn uniformly (with replacement) from the corpus vocabulary. */
    public static List<String> randomWords(long seed, int count, int words) {
        LinkedHashSet<String> vocab = new LinkedHashSet<>();
        for (String s : sentences()) {
            for (String w : s.toLowerCase(java.util.Locale.ROOT).split("[^a-z']+")) if (!w.isEmpty()) vocab.add(w);
        }
        List<String> v = new ArrayList<>(vocab);
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words; i++) {
                if (i > 0) sb.append(' ');
                sb.append(v.get(rng.nextInt(v.size())));
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** The committed long English passages (each over 512 tokens), for context growth. */
    public static List<String> passages() {
        try (InputStream in = DefaultCorpus.class.getResourceAsStream("long-corpus.txt")) {
            if (in == null) throw new IllegalStateException("long-corpus.txt missing from the jar");
            return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded long corpus", e);
        }
    }

    /** Prompts as documents with ids prompt-1, prompt-2, … (unclassified). */
    public static List<Document> documents(List<String> prompts) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            out.add(new Document(String.format(java.util.Locale.ROOT, "prompt-%03d", i + 1), Genre.UNCLASSIFIED,
                    prompts.get(i)));
        }
        return out;
    }

    /** Prompts from a text file: one per non-blank line, lines starting with '#' ignored. */
    public static List<String> read(Path file) {
        try {
            List<String> p = lines(Files.readString(file, StandardCharsets.UTF_8));
            if (p.isEmpty()) throw new InvalidInputException("no prompts in " + file + " (one per non-blank line)");
            return p;
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) out.add(t);
        }
        return out;
    }
}
