package io.thermoscope.spark;

import io.thermoscope.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Without {@code --spark} nothing of Spark is loaded, even with Spark on the class path: a child JVM logs every class
 * it loads while it runs a plain sweep; the same command with {@code --spark} shows that the check can fail.
 */
class PlainPathTest {
    private static final List<String> SPARK_PACKAGES = List.of(" org.apache.spark.", " scala.", " org.apache.hadoop.",
            " io.thermoscope.spark.");

    @Test
    void plainSweepLoadsNoSparkClass(@TempDir Path dir) throws Exception {
        List<String> plain = loadedClasses(dir, "plain", 0, Cli.sweep("--max-steps", "10", "--p", "5", "--seeds", "1",
                "--out", dir.resolve("plain-sweep").toString()));
        assertTrue(plain.stream().anyMatch(l -> l.contains(" io.thermoscope.train.GrokRun ")), "the sweep ran");
        for (String pkg : SPARK_PACKAGES) {
            assertFalse(plain.stream().anyMatch(l -> l.contains(pkg)), "plain sweep loaded" + pkg + "*");
        }
        // the detector sees Spark when it is used (the output is refused after Spark started, so this is quick)
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        List<String> spark = loadedClasses(dir, "spark", 2, Cli.sweep("--max-steps", "10", "--p", "5", "--seeds", "1",
                "--out", file.resolve("sweep").toString(), "--spark", "local[1]"));
        assertTrue(spark.stream().anyMatch(l -> l.contains(" org.apache.spark.SparkContext ")), "Spark seen");
    }

    @Test
    void plainLauncherClassPathHasNoSparkJar() throws Exception {
        Path lib = Path.of("..", "thermoscope-cli", "target", "lib");
        assumeTrue(Files.isDirectory(lib), "thermoscope-cli not packaged in this build");
        try (Stream<Path> jars = Files.list(lib)) {
            List<String> spark = jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("spark-") || n.startsWith("scala-") || n.startsWith("hadoop-")).toList();
            assertEquals(List.of(), spark);
        }
    }

    /** Runs the CLI in a child JVM with this test's class path, checks its exit status, returns its class-loading log. */
    private static List<String> loadedClasses(Path dir, String name, int status, List<String> args) throws Exception {
        Path log = dir.resolve(name + "-classes.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(SparkJavaOptionsTest.scriptOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start();
        assertEquals(status, p.waitFor(), Files.readString(dir.resolve(name + ".out")));
        return Files.readAllLines(log);
    }
}
