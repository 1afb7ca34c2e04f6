package io.thermoscope.spark;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input under {@code --spark}: an unreachable or malformed master, an output that cannot be written, a sweep
 * directory that holds other runs — one line, exit 2, and the earlier sweep in the directory untouched.
 */
class SparkBadInputTest {
    @TempDir
    static Path dir;
    static Path sweep;

    @BeforeAll
    static void finishedSweep() {
        sweep = dir.resolve("sweep");
        Cli c = Cli.run(Cli.sweep("--max-steps", "10", "--p", "5", "--seeds", "1", "--out", sweep.toString()));
        assertEquals(0, c.code(), c.err());
    }

    /** Every file of the earlier sweep with its bytes and modification time. */
    private static Map<String, String> state() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(sweep)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(sweep.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)) + "@"
                        + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    private static void assertRefused(String expected, String... extra) throws IOException {
        Map<String, String> before = state();
        Cli c = Cli.run(Cli.sweep(extra));
        assertTrue(c.isOneLineUserError(), c.code() + ": " + c.err());
        assertTrue(c.err().contains(expected), c.err());
        assertEquals(before, state(), "the earlier sweep changed");
    }

    @Test
    void unreachableMaster() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        assertRefused("is unreachable", "--max-steps", "10", "--p", "5", "--seeds", "1", "--out", sweep.toString(),
                "--spark", "spark://127.0.0.1:" + port);
    }

    @Test
    void malformedMasterAndNoSparkSubmit() throws IOException {
        assertRefused("cannot start Spark on nonsense", "--max-steps", "10", "--p", "5", "--seeds", "1", "--out",
                sweep.toString(), "--spark", "nonsense");
        assertRefused("needs spark-submit", "--max-steps", "10", "--p", "5", "--seeds", "1", "--out", sweep.toString(),
                "--spark");
    }

    @Test
    void unwritableOutputs() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertRefused("cannot write to", "--max-steps", "10", "--p", "5", "--seeds", "1", "--out",
                file.resolve("sweep").toString(), "--spark", "local[1]");
        assertRefused("no Hadoop file system", "--max-steps", "10", "--p", "5", "--seeds", "1", "--out",
                "nosuchfs://host/sweep", "--spark", "local[1]");
    }

    @Test
    void anotherSweepsRunsAreRefused() throws IOException {
        assertRefused("holds another run's config", "--max-steps", "10", "--p", "5", "--seeds", "1", "--warmup", "3",
                "--out", sweep.toString(), "--spark", "local[1]");
    }
}
