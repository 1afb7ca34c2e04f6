package io.thermoscope.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code grok sweep --spark local[N]} writes the plain sweep's directory, resumes it, and skips what is finished. */
class SparkSweepTest {

    @Test
    void localSparkSweepEqualsThePlainSweep(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain"), spark = dir.resolve("spark");
        Cli a = Cli.run(Cli.sweep("--max-steps", "30", "--p", "5,7", "--seeds", "2", "--out", plain.toString()));
        assertEquals(0, a.code(), a.err());
        long t0 = System.nanoTime();
        Cli b = Cli.run(Cli.sweep("--max-steps", "30", "--p", "5,7", "--seeds", "2", "--out", spark.toString(),
                "--spark", "local[2]"));
        System.out.printf("spark sweep: %.1f s%n", (System.nanoTime() - t0) * 1e-9);
        assertEquals(0, b.code(), b.err());
        SameSweep.assertSame(plain, spark);
        assertEquals(a.out().lines().limit(2).toList(), b.out().lines().limit(2).toList());
    }
}
