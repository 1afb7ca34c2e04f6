package io.thermoscope.spark;

import io.thermoscope.cluster.Cluster;
import io.thermoscope.cluster.ClusterProvider;

/** Offers {@link SparkCluster} to the CLI's {@code --spark} through {@link java.util.ServiceLoader}. */
public final class SparkClusterProvider implements ClusterProvider {
    /** For the ServiceLoader. */
    public SparkClusterProvider() {
    }

    @Override
    public Cluster open(String master) {
        return SparkCluster.open(master);
    }
}
