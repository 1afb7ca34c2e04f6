package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The CLI's contract, for every command, on generated argument vectors and malformed files
 * ({@link CommandGenerators}, {@link ContractFixtures}): the exit status is 0, 1 or 2; on failure stderr is exactly
 * one line {@code error: …} (no stack trace, no "internal error") and no file appeared or changed; on success every
 * JSON written (stdout or file) holds only finite numbers. The number of tries is jqwik's default
 * ({@code jqwik.tries.default} in {@code junit-platform.properties}: the normal suite); a longer run:
 * {@code mvn -B -o -pl thermoscope-cli -am test -Dtest=ContractPropertyTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Djqwik.tries.default=5000 -Dthermoscope.contract.long=true} (see DEVELOPERS.md).
 */
class ContractPropertyTest {
    private static Path root;
    private static Path fixtures;
    private static final AtomicInteger TRY = new AtomicInteger();

    @BeforeContainer
    static void setUp() throws IOException {
        root = Files.createTempDirectory("thermoscope-contract");
        fixtures = root.resolve("fixtures");
        ContractFixtures.write(fixtures);
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Every command path of the picocli tree ("ensemble", "grok sweep", "help", …). */
    static Set<String> commandPaths() {
        Map<String, CommandLine> commands = new TreeMap<>();
        collect(Main.commandLine(), "", commands);
        return commands.keySet();
    }

    private static void collect(CommandLine cl, String prefix, Map<String, CommandLine> commands) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) continue;   // aliases
            String path = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            commands.put(path, e.getValue());
            collect(e.getValue(), path, commands);
        }
    }

    @Example
    void everyCommandHasAGenerator() {
        Set<String> missing = new TreeSet<>(commandPaths());
        missing.removeAll(CommandGenerators.ALL.keySet());
        assertTrue(missing.isEmpty(), "commands without a generator in CommandGenerators.ALL: " + missing
                + " (add one line per command; see its class comment)");
        Set<String> stale = new TreeSet<>(CommandGenerators.ALL.keySet());
        stale.removeAll(commandPaths());
        assertTrue(stale.isEmpty(), "generators for commands that do not exist: " + stale);
    }

    /**
     * Each generator gives every option of its command (help and version aside) somewhere in 500 samples, unless
     * {@link CommandGenerators#NOT_GENERATED} says why not, and no option its command does not have.
     */
    @Example
    void generatorsCoverTheirCommandsOptions() {
        Map<String, CommandLine> commands = new TreeMap<>();
        collect(Main.commandLine(), "", commands);
        List<String> problems = new ArrayList<>();
        for (var e : CommandGenerators.ALL.entrySet()) {
            CommandLine cl = commands.get(e.getKey());
            if (cl == null) continue;   // reported by everyCommandHasAGenerator
            Set<String> used = new TreeSet<>();
            e.getValue().sampleStream().limit(500).forEach(args -> args.stream().filter(a -> a.startsWith("--")).forEach(used::add));
            used.removeAll(Set.of("--bogus", "--help"));
            Set<String> known = new TreeSet<>();
            for (OptionSpec o : cl.getCommandSpec().options()) {
                known.addAll(Arrays.asList(o.names()));
                if (o.usageHelp() || o.versionHelp()) continue;
                boolean given = Arrays.stream(o.names()).anyMatch(used::contains);
                boolean exempt = CommandGenerators.NOT_GENERATED.getOrDefault(e.getKey(), Set.of()).contains(o.longestName());
                if (!given && !exempt) problems.add(e.getKey() + " " + o.longestName() + " is never generated");
            }
            for (String u : used) if (!known.contains(u)) problems.add(e.getKey() + " has no option " + u);
        }
        assertTrue(problems.isEmpty(), String.join("; ", problems));
    }

    @Provide
    Arbitrary<List<String>> invocations() {
        return Arbitraries.of(new ArrayList<>(commandPaths())).flatMap(CommandGenerators.ALL::get);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)   // edge cases of one command's many options would crowd out the rest
    void everyInvocationKeepsTheContract(@ForAll("invocations") List<String> args) throws IOException {
        Path out = root.resolve("try-" + TRY.incrementAndGet());
        ContractFixtures.prepareOut(out);
        String[] argv = ContractFixtures.resolve(args, fixtures, out);
        TreeMap<String, String> before = snapshot(root);
        StringWriter so = new StringWriter(), se = new StringWriter();
        int code = Main.run(argv, new PrintWriter(so, true), new PrintWriter(se, true));
        String err = se.toString(), shown = String.join(" ", argv) + "\nstdout: " + tail(so.toString()) + "\nstderr: " + err;
        assertTrue(code == 0 || code == 1 || code == 2, "exit " + code + ": " + shown);
        Statistics.label("command and exit status").collect(args.get(0), code);
        assertFalse(err.contains("internal error") || err.contains("\tat ") || err.contains("Exception"), shown);
        if (code != 0) {
            List<String> lines = err.strip().lines().toList();
            assertEquals(1, lines.size(), "one line on stderr: " + shown);
            assertTrue(lines.get(0).startsWith("error: "), shown);
            assertEquals(before, snapshot(root), "files appeared or changed on failure: " + shown);
            return;
        }
        String stdout = so.toString().strip();
        if (stdout.startsWith("{")) requireFinite(Json.mapper().readTree(stdout), "stdout", shown);
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                requireFinite(Json.mapper().readTree(p.toFile()), p.toString(), shown);
            }
        }
        Files.walk(root).forEach(p -> assertFalse(p.getFileName().toString().endsWith(".tmp"), "temporary left: " + p));
    }

    /** No NaN or ±Infinity anywhere, as a number or as the string Jackson writes for one (χ's "Infinity" aside). */
    static void requireFinite(JsonNode node, String where, String shown) {
        List<String> bad = new ArrayList<>();
        walk(node, "", bad);
        if (!bad.isEmpty()) fail("non-finite values in " + where + " at " + bad + ": " + shown);
    }

    private static void walk(JsonNode n, String at, List<String> bad) {
        if (n.isObject()) {
            n.properties().forEach(e -> walk(e.getValue(), at + "/" + e.getKey(), bad));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) walk(n.get(i), at + "/" + i, bad);
        } else if (n.isNumber() && !Double.isFinite(n.doubleValue())) {
            bad.add(at);
        } else if (n.isTextual() && Set.of("NaN", "Infinity", "-Infinity").contains(n.asText())
                && !at.endsWith("/chi")) {
            bad.add(at);
        }
    }

    /** Every file under {@code dir} (fixtures and earlier tries included) with its size and modification time. */
    static TreeMap<String, String> snapshot(Path dir) throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "…" + s.substring(s.length() - 2000);
    }
}
