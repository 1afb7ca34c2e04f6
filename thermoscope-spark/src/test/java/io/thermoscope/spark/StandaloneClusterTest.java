package io.thermoscope.spark;

import io.thermoscope.corpus.Document;
import io.thermoscope.io.Json;
import io.thermoscope.models.Atlas;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AtlasResult;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.ModelSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real standalone cluster, started from the Maven jars on this test's class path (no Spark download): a Master and
 * two Workers as separate processes ({@code org.apache.spark.deploy.master.Master}, {@code …worker.Worker}), each
 * Worker with one core. A sweep is submitted from this JVM; once the first checkpoint has reached the output one
 * Worker is killed (SIGKILL) with its executor and that executor's training process; the sweep completes on the
 * other Worker with the plain sweep's results. Then a small corpus atlas runs on what is left of the cluster and
 * equals the single-machine atlas.
 * <p>
 * Opt-in (minutes on 2 cores): {@code scripts/spark-cluster-test.sh}, i.e.
 * {@code mvn -B -o -pl thermoscope-spark -am test -Dtest=StandaloneClusterTest -Dthermoscope.sparkCluster=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "thermoscope.sparkCluster", matches = "true|measure")
class StandaloneClusterTest {
    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        for (Process p : daemons) p.descendants().forEach(ProcessHandle::destroyForcibly);
        for (Process p : daemons) p.destroyForcibly();
        for (String k : List.of("spark.driver.host", "spark.executor.extraClassPath", "spark.executor.memory",
                "spark.executor.cores", "spark.task.maxFailures")) System.clearProperty(k);
    }

    @Test
    @EnabledIfSystemProperty(named = "thermoscope.sparkCluster", matches = "true")
    void sweepSurvivesAKilledWorker(@TempDir Path dir) throws Exception {
        List<String> args = List.of("--max-steps", "600", "--checkpoint-every", "50", "--p", "5,7", "--seeds", "2");
        Path plain = dir.resolve("plain"), cluster = dir.resolve("cluster");
        long t0 = System.nanoTime();
        Cli a = Cli.run(Cli.sweep(with(args, "--out", plain.toString())));
        assertEquals(0, a.code(), a.err());
        double plainSeconds = (System.nanoTime() - t0) * 1e-9;

        List<Process> workers = new ArrayList<>();
        String master = startCluster(dir.resolve("cluster1"), 2, workers);
        Process doomed = workers.get(0);

        long t1 = System.nanoTime();
        CompletableFuture<Cli> job = CompletableFuture.supplyAsync(() -> Cli.run(Cli.sweep(with(args, "--out",
                cluster.toString(), "--spark", master))));

        awaitFile(cluster, "checkpoint-seeds0-1.bin"); // the first batch (the two seeds of one p) has checkpointed
        List<ProcessHandle> lost = doomed.descendants().toList(); // its executor and the executor's training JVM
        int unfinished = 4 - count(cluster, "summary.json");
        doomed.destroyForcibly().waitFor();
        double killedAt = (System.nanoTime() - t1) * 1e-9;
        Cli b = job.get(20, TimeUnit.MINUTES);
        double clusterSeconds = (System.nanoTime() - t1) * 1e-9;
        assertEquals(0, b.code(), b.err());
        assertTrue(unfinished > 0, "the worker died while runs were unfinished");
        assertFalse(lost.isEmpty(), "the killed worker had started an executor");
        Thread.sleep(5000);
        for (ProcessHandle p : lost) assertFalse(p.isAlive(), "left behind by the killed worker: " + p.info());
        SameSweep.assertSame(plain, cluster);

        AtlasOptions options = AtlasOptions.defaults().withResamples(100).withCutLong(true);
        List<Document> docs = SparkAtlasTest.corpus();
        AtlasResult single;
        try (AttentionModel model = AttentionModel.load(ModelSource.MINILM)) {
            single = Atlas.run(model, docs, options, null);
        }
        long t2 = System.nanoTime();
        double atlasDifference;
        try (SparkCluster c = SparkCluster.open(master)) {
            atlasDifference = SparkAtlasTest.maxRelativeDifference(Json.toNode(single),
                    Json.toNode(c.atlas(ModelSource.MINILM, docs, options, 3, null)), "atlas");
        }
        double atlasSeconds = (System.nanoTime() - t2) * 1e-9;
        assertTrue(atlasDifference <= 1e-12, "atlas differs by " + atlasDifference);
        System.out.printf("standalone cluster: plain sweep %.1f s; cluster sweep %.1f s, worker 1 killed at %.1f s "
                + "with %d of 4 runs unfinished (%d processes of it gone); atlas of %d documents in 3 partitions on the "
                + "surviving worker %.1f s, worst relative difference %.1e%n", plainSeconds, clusterSeconds, killedAt,
                unfinished, lost.size(), docs.size(), atlasSeconds, atlasDifference);
    }

    /**
     * Starts a Master and {@code n} one-core Workers (added to {@code workers}) and points this JVM's Spark settings at
     * it; returns the master URL.
     */
    private String startCluster(Path dir, int n, List<Process> workers) throws Exception {
        Files.createDirectories(dir.resolve("spark-home/jars"));
        Path home = dir.resolve("spark-home");
        int port = freePort();
        daemon(dir, "master", home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitPort(port);
        String master = "spark://127.0.0.1:" + port;
        for (int i = 1; i <= n; i++) {
            workers.add(daemon(dir, "worker" + i, home, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", dir.resolve("work" + i).toString(), master));
        }
        awaitLog(dir.resolve("master.log"), "Registering worker", n);
        System.setProperty("spark.driver.host", "127.0.0.1");
        // executors get this test's class path (Maven jars and module classes) — what a real cluster gets from the
        // application jar (spark-submit) or from the jars installed on its workers
        System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        System.setProperty("spark.executor.memory", "1g");
        System.setProperty("spark.executor.cores", "1");
        System.setProperty("spark.task.maxFailures", "4");
        return master;
    }

    private Process daemon(Path dir, String name, Path sparkHome, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider", // Spark's log, not DJL's no-op
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(SparkJavaOptionsTest.scriptOptions());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString()); // its jars/ is empty: executors take the class path above
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        daemons.add(p);
        return p;
    }

    /**
     * The measurement behind docs/spark.md (opt-in on its own: {@code -Dthermoscope.sparkCluster=measure}): the same
     * sweep on a standalone cluster with one Worker and with two, each Worker one core, and the plain command with
     * {@code --parallel 1} and {@code --parallel 2} beside {@code --spark local[2]}.
     */
    @Test
    @EnabledIfSystemProperty(named = "thermoscope.sparkCluster", matches = "measure")
    void measureOverheadAndSpeedUp(@TempDir Path dir) throws Exception {
        List<String> args = List.of("--max-steps", "1500", "--p", "7,11", "--seeds", "2");
        StringBuilder report = new StringBuilder();
        for (String[] mode : new String[][] {{"plain", "--parallel", "1"}, {"plain", "--parallel", "2"},
            {"local", "--spark", "local[2]"}, {"cluster", "1"}, {"cluster", "2"}}) {
            Path out = dir.resolve(String.join("-", mode).replaceAll("[^a-z0-9-]", ""));
            List<String> extra = new ArrayList<>(List.of("--out", out.toString()));
            List<Process> workers = new ArrayList<>();
            if (mode[0].equals("cluster")) {
                extra.addAll(List.of("--spark", startCluster(dir.resolve("c" + mode[1]), Integer.parseInt(mode[1]), workers)));
            } else {
                extra.addAll(List.of(mode[1], mode[2]));
            }
            long t0 = System.nanoTime();
            Cli c = Cli.run(Cli.sweep(with(args, extra.toArray(String[]::new))));
            double s = (System.nanoTime() - t0) * 1e-9;
            assertEquals(0, c.code(), c.err());
            report.append(String.format(java.util.Locale.ROOT, "%-28s %7.1f s%n", String.join(" ", mode), s));
            stopCluster();
            daemons.clear();
        }
        System.out.print("sweep of 4 runs (" + String.join(" ", args) + "), load " + java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage() + ":\n" + report);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("master did not start on port " + port);
    }

    private static void awaitLog(Path log, String text, int times) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(log) && Files.readString(log).split(text, -1).length - 1 >= times) return;
            Thread.sleep(100);
        }
        throw new AssertionError(log + " never showed '" + text + "' " + times + " times:\n" + Files.readString(log));
    }

    private static void awaitFile(Path dir, String name) throws Exception {
        for (int i = 0; i < 6000; i++) {
            if (count(dir, name) > 0) return;
            Thread.sleep(100);
        }
        throw new AssertionError("no " + name + " under " + dir);
    }

    private static int count(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.walk(dir)) {
            return (int) s.filter(p -> p.getFileName().toString().equals(name)).count();
        }
    }

    private static String[] with(List<String> base, String... extra) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }
}
