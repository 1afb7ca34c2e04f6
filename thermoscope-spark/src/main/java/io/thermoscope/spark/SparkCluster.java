package io.thermoscope.spark;

import io.thermoscope.InvalidInputException;
import io.thermoscope.cluster.Cluster;
import io.thermoscope.corpus.Document;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AtlasResult;
import io.thermoscope.models.ModelScan;
import io.thermoscope.models.ModelSource;
import io.thermoscope.train.GrokGate;
import io.thermoscope.train.GrokSweep;
import io.thermoscope.train.PlateauWindow;
import io.thermoscope.train.SweepConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark session as a {@link Cluster}: {@code local[N]}, a standalone master {@code spark://host:port}, or whatever
 * spark-submit configured. The Spark UI is off unless configured, speculative execution is off (two attempts of one
 * run would race on its files), and every other {@code spark.*} setting comes from the usual places (spark-submit,
 * {@code -Dspark.…=…} system properties).
 */
public final class SparkCluster implements Cluster {
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final SparkSession session;
    private final Path scratch;

    private SparkCluster(SparkSession session, Path scratch) {
        this.session = session;
        this.scratch = scratch;
    }

    /** Starts (or joins) the Spark session on {@code master}; null takes spark-submit's. */
    public static SparkCluster open(String master) {
        // Spark logs through SLF4J; next to DJL's no-op binding that would print a multiple-bindings warning.
        // Quiet unless asked for (-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider shows Spark's log).
        if (System.getProperty("slf4j.provider") == null) System.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "WARN");
        if (master != null) checkReachable(master);
        SparkConf conf = new SparkConf(true);
        if (master != null) conf.setMaster(master);
        if (!conf.contains("spark.master")) {
            throw new InvalidInputException("--spark without a master needs spark-submit; give one, e.g. --spark local[2] "
                    + "or --spark spark://host:7077");
        }
        conf.setIfMissing("spark.app.name", "thermoscope");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.set("spark.speculation", "false");
        SparkSession session;
        try {
            session = SparkSession.builder().config(conf).getOrCreate();
        } catch (Exception e) { // Scala throws SparkException (checked) undeclared
            throw new InvalidInputException("cannot start Spark on " + conf.get("spark.master") + ": "
                    + HadoopDirectory.firstLine(e));
        }
        try {
            return new SparkCluster(session, Files.createTempDirectory("thermoscope-spark-"));
        } catch (IOException e) {
            session.stop();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails fast with one line when a standalone master ({@code spark://h1:p1[,h2:p2…]}) accepts no connection —
     * Spark itself would retry for a minute before giving up.
     */
    static void checkReachable(String master) {
        if (!master.startsWith("spark://")) return;
        List<String> errors = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) throw new InvalidInputException("Spark master " + master + " needs host:port");
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("Spark master " + master + " has a bad port: " + hostPort.substring(colon + 1));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort.substring(0, colon), port), CONNECT_TIMEOUT_MILLIS);
                return;
            } catch (IOException e) {
                errors.add(hostPort + ": " + HadoopDirectory.firstLine(e));
            }
        }
        throw new InvalidInputException("Spark master " + master + " is unreachable (" + String.join("; ", errors) + ")");
    }

    /** The Spark session (for library use: datasets, configuration). */
    public SparkSession session() {
        return session;
    }

    JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    @Override
    public String master() {
        return session.sparkContext().master();
    }

    @Override
    public SweepDirectory sweep(SweepConfig sweep, String out, GrokGate gate, PlateauWindow window, GrokSweep.Listener listener) {
        try {
            return SweepJob.run(context(), sweep, out, gate, window, listener, Files.createTempDirectory(scratch, "sweep-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public AtlasResult atlas(ModelSource model, List<Document> documents, AtlasOptions options, int partitions,
                             ModelScan.Listener listener) {
        return AtlasJob.run(session, model, documents, options, partitions, listener);
    }

    @Override
    public void close() {
        session.stop();
        SweepTask.deleteTree(scratch);
    }
}
