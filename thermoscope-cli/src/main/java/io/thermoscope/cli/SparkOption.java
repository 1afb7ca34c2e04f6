package io.thermoscope.cli;

import io.thermoscope.cluster.Cluster;
import io.thermoscope.cluster.Clusters;
import picocli.CommandLine.Option;

/**
 * {@code --spark [MASTER]}: run the command's distributable work on Apache Spark. Without it nothing of Spark is
 * loaded — the engine is found through {@link Clusters} (a ServiceLoader) only when the option is given.
 */
final class SparkOption {
    /** The value picocli stores for a bare {@code --spark}: the master comes from spark-submit. */
    private static final String FROM_SUBMIT = "(spark-submit)";

    @Option(names = "--spark", arity = "0..1", fallbackValue = FROM_SUBMIT, paramLabel = "MASTER",
            description = {"Run on Apache Spark: local[N], spark://host:port, or without a value the master that",
                    "spark-submit provides. --out may then be any URI Hadoop supports (hdfs://, s3a://, file:)."})
    String master;

    /** Whether {@code --spark} was given. */
    boolean enabled() {
        return master != null;
    }

    /** Opens the cluster session (loads the Spark module). */
    Cluster open() {
        return Clusters.open(FROM_SUBMIT.equals(master) ? null : master);
    }
}
