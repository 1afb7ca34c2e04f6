package io.thermoscope.train.lm;

import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.Document;
import io.thermoscope.corpus.Genre;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small synthetic English-like documents for tests: seeded sentences from a fixed vocabulary. */
final class TinyText {
    private static final String[] SUBJECTS = {"the cat", "a dog", "the old man", "my sister", "the committee", "a bird"};
    private static final String[] VERBS = {"sees", "likes", "finds", "watches", "follows", "remembers"};
    private static final String[] OBJECTS = {"the river", "a red house", "the garden", "an apple", "the small boat", "the road"};

    private TinyText() {
    }

    /** {@code count} documents of {@code sentences} sentences each, ids d000, d001, …. */
    static Corpus documents(int count, int sentences, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Document> docs = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                if (s > 0) sb.append(' ');
                String subj = SUBJECTS[r.nextInt(SUBJECTS.length)];
                sb.append(Character.toUpperCase(subj.charAt(0))).append(subj.substring(1)).append(' ')
                        .append(VERBS[r.nextInt(VERBS.length)]).append(' ').append(OBJECTS[r.nextInt(OBJECTS.length)]).append('.');
            }
            docs.add(new Document(String.format("d%03d", d), Genre.UNCLASSIFIED, sb.toString()));
        }
        return new Corpus("tiny text", docs, java.util.Map.of());
    }
}
