package io.thermoscope.corpus;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Where a run's documents come from: the Brown corpus (the default) or a directory of the user's text files. */
public sealed interface CorpusSource {

    /** Loads the documents; a first download is announced to {@code log} once it succeeded. */
    Corpus load(Consumer<String> log);

    /** The source in words, for outputs and cache keys. */
    String describe();

    /** The Brown corpus, fetched once into the cache ({@link BrownCorpus}). */
    record Brown() implements CorpusSource {
        @Override
        public Corpus load(Consumer<String> log) {
            return BrownCorpus.load(log);
        }

        @Override
        public String describe() {
            return BrownCorpus.NAME;
        }
    }

    /**
     * Every text file under a directory ({@link TextDirectory}).
     *
     * @param path the directory
     */
    record Directory(Path path) implements CorpusSource {
        @Override
        public Corpus load(Consumer<String> log) {
            return TextDirectory.read(path);
        }

        @Override
        public String describe() {
            return "text files under " + path;
        }
    }

    /** The directory source for {@code dir}, or the Brown corpus when {@code dir} is null. */
    static CorpusSource of(Path dir) {
        return dir == null ? new Brown() : new Directory(dir);
    }
}
