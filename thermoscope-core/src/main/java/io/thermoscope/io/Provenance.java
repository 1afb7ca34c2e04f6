package io.thermoscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: tool version, git commit, JDK, full command line, seed. Every JSON output of
 * Thermoscope carries one under the key {@code provenance}.
 *
 * @param tool        always {@code thermoscope}
 * @param version     the Maven project version of the build
 * @param gitCommit   commit of the source tree ({@code -dirty} when it had uncommitted changes), or {@code unknown}
 * @param jdk         vendor and version of the running JVM
 * @param os          operating system and architecture
 * @param cores       processors available to the JVM
 * @param commandLine the full command line (or the Java entry point for library use)
 * @param seed        the random seed of the run, {@code null} for deterministic computations without one
 * @param createdAt   UTC time the result was made
 */
public record Provenance(String tool, String version, String gitCommit, String jdk, String os, int cores,
                         List<String> commandLine, Long seed, String createdAt) {

    private static final String VERSION = loadVersion();
    private static volatile String commit;

    /** Captures the provenance of the current process for a run with the given command line and seed. */
    public static Provenance capture(List<String> commandLine, Long seed) {
        return new Provenance("thermoscope", VERSION, currentGitCommit(),
                System.getProperty("java.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), List.copyOf(commandLine), seed,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The same provenance with another seed (for runs inside a sweep). */
    public Provenance withSeed(Long newSeed) {
        return new Provenance(tool, version, gitCommit, jdk, os, cores, commandLine, newSeed, createdAt);
    }

    /** The build's version string. */
    public static String toolVersion() {
        return VERSION;
    }

    /**
     * The git commit: the launcher passes it as system property {@code thermoscope.gitCommit}; otherwise git is
     * asked once about the working directory; otherwise {@code unknown}.
     */
    public static String currentGitCommit() {
        String c = commit;
        if (c == null) {
            c = System.getProperty("thermoscope.gitCommit");
            if (c == null || c.isBlank()) c = askGit();
            commit = c;
        }
        return c;
    }

    private static String askGit() {
        try {
            String head = run("git", "rev-parse", "HEAD");
            if (head == null || head.isBlank()) return "unknown";
            String status = run("git", "status", "--porcelain", "--untracked-files=no");
            return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String loadVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
