package io.thermoscope.cluster;

import io.thermoscope.InvalidInputException;

import java.util.ServiceLoader;

/** Finds the cluster engine on the class path; only ever called when a command is given {@code --spark}. */
public final class Clusters {
    private Clusters() {
    }

    /** Opens a cluster on {@code master} (null: the engine launcher's master) with the first provider found. */
    public static Cluster open(String master) {
        for (ClusterProvider p : ServiceLoader.load(ClusterProvider.class, Clusters.class.getClassLoader())) {
            return p.open(master);
        }
        throw new InvalidInputException("--spark needs the Spark module on the class path: run ./thermoscope (it adds "
                + "thermoscope-spark/target/lib when --spark is given) or spark-submit the application jar (see DEVELOPERS.md)");
    }
}
