package io.thermoscope.attention;

import io.thermoscope.decision.Estimate;
import io.thermoscope.stats.ClusterBootstrap;

import java.util.Arrays;

/**
 * The resamples of a cluster bootstrap over documents, shared by every statistic of an analysis (every head, every
 * window): {@code weights[b][d]} is how often document d was drawn in resample b. Deterministic in the bootstrap's
 * seed and the number of documents, so two analyses of the same documents resample them identically.
 *
 * @param bootstrap the bootstrap's settings
 * @param documents number of documents
 * @param weights   [resample][document] multiplicities
 */
record DocumentResamples(ClusterBootstrap bootstrap, int documents, double[][] weights) {

    /** The unit of every interval. */
    static final String UNIT = "documents";

    /** The resamples of {@code documents} documents. */
    static DocumentResamples of(ClusterBootstrap bootstrap, int documents) {
        return new DocumentResamples(bootstrap, documents, bootstrap.multiplicities(documents));
    }

    /** Number of resamples. */
    int count() {
        return weights.length;
    }

    /** Weight 1 for every document (the point estimate). */
    double[] unit() {
        double[] w = new double[documents];
        Arrays.fill(w, 1);
        return w;
    }

    /** The point value with the percentile interval of its resampled values. */
    Estimate interval(double value, double[] resampled) {
        return bootstrap.interval(value, resampled, documents, UNIT);
    }
}
