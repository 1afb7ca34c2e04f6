package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Corpus;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** Options of the decoder analyses that resample documents (lm depth, lm rope): the corpus, how many, the seed. */
final class DecoderDocuments {
    @Option(names = "--corpus", defaultValue = "brown", paramLabel = "brown|DIR", description = "Documents (default ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--documents", defaultValue = "30", paramLabel = "N", description = "Documents (default ${DEFAULT-VALUE}).")
    int documents;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the document sample and the bootstrap.")
    long seed;

    /** The seeded sample (at least 2 documents: the interval resamples them); a first download is announced on {@code err}. */
    Corpus sample(PrintWriter err) {
        if (documents < 2) throw new InvalidInputException("--documents must be >= 2 (the interval resamples documents)");
        return LmTrainCommand.source(corpus).load(err::println).requireUsable().sample(documents, seed);
    }
}
