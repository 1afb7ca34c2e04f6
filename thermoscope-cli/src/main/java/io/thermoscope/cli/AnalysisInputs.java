package io.thermoscope.cli;

import picocli.CommandLine.Option;

/** Options shared by the corpus analyses: the seed, the cluster bootstrap over documents and its confidence. */
final class AnalysisInputs {
    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the document sample and "
            + "the bootstrap (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bootstrap", defaultValue = "200", paramLabel = "B", description = "Cluster-bootstrap resamples "
            + "over documents (>= 100; default ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--confidence", defaultValue = "0.90", paramLabel = "C", description = "Confidence level of the "
            + "intervals (default ${DEFAULT-VALUE}).")
    double confidence;
}
