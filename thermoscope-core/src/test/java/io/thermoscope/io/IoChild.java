package io.thermoscope.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A child JVM for the io tests: holds a directory lock, or a pending temporary, until it is killed. */
public final class IoChild {
    private IoChild() {
    }

    /** {@code lock DIR} or {@code temp FILE}; prints "ready" once holding it, then sleeps. */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "lock" -> DirectoryLock.acquire(Path.of(args[1]), "io-child holding the lock");
            case "temp" -> TemporaryFiles.create(Path.of(args[1]).toAbsolutePath(), "partial".getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(600_000);
    }

    /** Starts {@code IoChild args} in a new JVM with this test class path and waits for its "ready". */
    static Process start(String... args) throws Exception {
        String jvm = ProcessHandle.current().info().command().orElse("java");
        var cmd = new java.util.ArrayList<>(java.util.List.of(jvm, "-cp", System.getProperty("java.class.path"),
                IoChild.class.getName()));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = in.readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new AssertionError("child did not start: " + line);
        }
        return p;
    }
}
