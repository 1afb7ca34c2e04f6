package io.thermoscope.spark;

import io.thermoscope.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code grok sweep --spark local[N]} writes the plain sweep's directory, resumes it, and skips what is finished. */
class SparkSweepTest {

    @Test
    void localSparkSweepEqualsThePlainSweepAndSkipsFinishedRuns(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain"), spark = dir.resolve("spark");
        List<String> args = List.of("--max-steps", "30", "--p", "5,7", "--seeds", "2"); // two batches of two runs
        Cli a = Cli.run(Cli.sweep(with(args, "--out", plain.toString())));
        assertEquals(0, a.code(), a.err());
        Cli b = Cli.run(Cli.sweep(with(args, "--out", spark.toString(), "--spark", "local[2]")));
        assertEquals(0, b.code(), b.err());
        SameSweep.assertSame(plain, spark);
        assertEquals(a.out().lines().limit(2).toList(), b.out().lines().limit(2).toList());

        long before = Files.getLastModifiedTime(spark.resolve("p7/seed0/metrics.csv")).toMillis();
        Cli again = Cli.run(Cli.sweep(with(args, "--out", spark.toString(), "--spark", "local[2]")));
        assertEquals(0, again.code(), again.err());
        assertEquals(before, Files.getLastModifiedTime(spark.resolve("p7/seed0/metrics.csv")).toMillis(), "finished run retrained");
        SameSweep.assertSame(plain, spark);
    }

    /**
     * A task whose training process dies (as when its executor is lost) is retried by Spark, and the retry resumes
     * from the checkpoint the first attempt had copied to the output: the result equals the uninterrupted plain run.
     * The output is a URI of another file system ({@link OtherSchemeFileSystem}), so the driver reads copies and
     * publishes the analysis, as with HDFS.
     */
    @Test
    void retriedTaskResumesFromItsCheckpoint(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain"), spark = dir.resolve("spark");
        List<String> args = List.of("--max-steps", "300", "--checkpoint-every", "30", "--p", "7", "--seeds", "1");
        Cli a = Cli.run(Cli.sweep(with(args, "--out", plain.toString())));
        assertEquals(0, a.code(), a.err());

        Path checkpoint = spark.resolve("p7/seed0/checkpoint.bin");
        AtomicInteger killedAtStep = new AtomicInteger(-1);
        Thread killer = new Thread(() -> {
            try {
                while (!Files.exists(checkpoint)) Thread.sleep(20);
                int step = Checkpoint.read(checkpoint).step();
                // the only processes this test starts are the tasks' training JVMs (Spark's local mode forks nothing)
                ProcessHandle.current().descendants()
                        .forEach(p -> {
                            killedAtStep.set(step);
                            p.destroyForcibly();
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        // local[1, 2]: one core, and a failed task is tried twice
        System.setProperty("spark.hadoop.fs." + OtherSchemeFileSystem.SCHEME + ".impl", OtherSchemeFileSystem.class.getName());
        Cli b;
        try {
            b = Cli.run(Cli.sweep(with(args, "--out", OtherSchemeFileSystem.SCHEME + "://" + spark, "--spark", "local[1,2]")));
        } finally {
            System.clearProperty("spark.hadoop.fs." + OtherSchemeFileSystem.SCHEME + ".impl");
        }
        killer.join(60_000);
        assertEquals(0, b.code(), b.err());
        int step = killedAtStep.get();
        assertTrue(step > 0 && step < 300, "the first attempt was killed mid-run (step " + step + ")");
        SameSweep.assertSame(plain, spark);
    }

    private static String[] with(List<String> base, String... extra) {
        List<String> a = new java.util.ArrayList<>(base);
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }
}
