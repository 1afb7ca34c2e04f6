package io.thermoscope.spark;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's and the tests' Spark driver options are exactly spark-submit's (Spark's JavaModuleOptions). */
class SparkJavaOptionsTest {

    /** The options of scripts/spark-java-options. */
    static List<String> scriptOptions() throws java.io.IOException {
        return Files.readAllLines(Path.of("..", "scripts", "spark-java-options")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @Test
    void launcherOptionsAreSparkSubmits() throws Exception {
        List<String> script = scriptOptions();
        // on JDK 23+ Spark also asks for the two options the launcher gives every command (unsafe memory access, native access)
        List<String> spark = new java.util.ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        spark.removeAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        assertEquals(spark, script);
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String o : script) assertTrue(jvm.contains(o), "surefire argLine lacks " + o);
    }
}
