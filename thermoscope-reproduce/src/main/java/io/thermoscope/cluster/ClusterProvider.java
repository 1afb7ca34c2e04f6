package io.thermoscope.cluster;

/** Service interface (java.util.ServiceLoader) through which an engine module offers {@link Cluster}s. */
public interface ClusterProvider {

    /**
     * Starts a cluster session on {@code master}; {@code null} takes the master the engine's own launcher provides
     * (e.g. {@code spark-submit --master …}).
     */
    Cluster open(String master);
}
