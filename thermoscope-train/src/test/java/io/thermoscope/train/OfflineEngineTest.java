package io.thermoscope.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine starts with no network: a child JVM with an empty DJL engine cache (so libtorch must come out of the
 * pytorch-native-cpu jar), HTTP(S) proxies pointing at a closed local port, and, where {@code unshare -rn} works,
 * inside a network namespace without any interface, trains a tiny run to the end.
 */
class OfflineEngineTest {

    @Test
    void trainsWithoutNetworkFromAnEmptyCache(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache"), out = dir.resolve("run"), cfgFile = dir.resolve("cfg.json");
        GrokConfig tiny = TinyRuns.tiny(0).toBuilder().maxSteps(10).build();
        Files.writeString(cfgFile, io.thermoscope.io.Json.toJson(GrokWorker.Job.of(BatchRun.Batch.single(tiny, out),
                GrokGate.DEFAULT, PlateauWindow.DEFAULT)));
        List<String> cmd = new ArrayList<>();
        if (unshareWorks()) {
            cmd.addAll(List.of("unshare", "-rn"));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        cmd.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-DENGINE_CACHE_DIR=" + cache,
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9", "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
                "-cp", System.getProperty("java.class.path"), GrokWorker.class.getName(), cfgFile.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertTrue(p.waitFor(170, TimeUnit.SECONDS), "child did not finish");
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(0, p.exitValue(), log);
        assertTrue(Files.exists(out.resolve("summary.json")), log);
        try (var files = Files.walk(cache)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("libtorch_cpu.so")),
                    "libtorch was not extracted from the jar into the empty cache");
        }
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-rn", "true").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
