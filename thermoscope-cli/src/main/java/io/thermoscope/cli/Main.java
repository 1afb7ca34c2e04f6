package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.FileErrors;
import io.thermoscope.io.StagedOutput;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the {@code thermoscope} command, and the one place where its contract is enforced: a command
 * exits 0 with its output, or 2 with exactly one line {@code error: …} on stderr (bad input, impossible or
 * unaffordable parameters, an output path that cannot be written), or 1 with one such line for an I/O failure
 * the user cannot fix (disk full, I/O error) or an internal error. Nothing else reaches stderr on failure: no
 * stack trace, no second line.
 * <p>
 * Outputs: every command but the {@link WritesAsItGoes} ones runs inside a {@link StagedOutput}, so its files
 * appear together when it succeeds and not at all when it fails, and its stdout is held back until then; its
 * {@link OutputPath.Directory} options are owned (locked) for its lifetime, its {@link OutputPath.File} options
 * checked to be writable before it starts.
 */
public final class Main {
    private static volatile List<String> invocation = List.of("thermoscope");

    private Main() {
    }

    /** Runs the CLI and exits with its status (0 ok, 1 I/O or internal failure, 2 bad input). */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit status (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0) args = new String[]{"reproduce", "--quick"};   // the main job: the quick reproduction
        ArrayList<String> cmd = new ArrayList<>(List.of("thermoscope"));
        cmd.addAll(List.of(args));
        invocation = List.copyOf(cmd);
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } catch (Throwable t) {   // Errors (out of memory, stack overflow) pass picocli's handlers untouched
            return report(t, err);
        }
    }

    /** The configured picocli command tree with Thermoscope's error handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ThermoscopeCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, args) -> {
            String help = "(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
            ex.getCommandLine().getErr().println("error: " + oneLine(ex.getMessage()) + " " + help);
            ex.getCommandLine().getErr().flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, commandLine.getErr()));
        cli.setExecutionStrategy(Main::execute);
        return cli;
    }

    /** The full command line of this invocation, for provenance. */
    public static List<String> invocation() {
        return invocation;
    }

    /** Runs the chosen command inside its stage (or pass-through stage), owning its output directories. */
    private static int execute(ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine leaf = chain.get(chain.size() - 1);
        if (leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
            return new CommandLine.RunLast().execute(parsed);
        }
        boolean asItGoes = leaf.getCommand() instanceof WritesAsItGoes;
        String owner = String.join(" ", invocation);
        PrintWriter realOut = leaf.getOut();
        StringWriter held = new StringWriter();
        try (StagedOutput stage = asItGoes ? StagedOutput.passThrough(owner) : StagedOutput.begin(owner)) {
            for (Path f : OutputPath.values(leaf.getCommandSpec(), OutputPath.File.class)) FileErrors.requireWritableFile(f);
            for (Path d : OutputPath.values(leaf.getCommandSpec(), OutputPath.Directory.class)) stage.own(d);
            if (!asItGoes) leaf.setOut(new PrintWriter(held));
            int code;
            try {
                code = new CommandLine.RunLast().execute(parsed);
            } finally {
                leaf.setOut(realOut);
            }
            stage.commit();
            realOut.print(held);
            realOut.flush();
            return code;
        } catch (InvalidInputException | UncheckedIOException e) {   // from owning or committing the outputs
            throw new ExecutionException(leaf, oneLine(e.getMessage()), e);
        }
    }

    /** Prints the one line for {@code t} and returns the exit status. */
    static int report(Throwable t, PrintWriter err) {
        if (t instanceof ExecutionException ee && ee.getCause() != null) t = ee.getCause();
        int code;
        if (t instanceof InvalidInputException) {
            err.println("error: " + oneLine(t.getMessage()));
            code = 2;
        } else if (t instanceof UncheckedIOException io) {
            err.println("error: " + oneLine(io.getMessage()));
            code = 1;
        } else if (t instanceof OutOfMemoryError) {
            err.println("error: out of memory: the parameters need more than the " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB this JVM may use; ask for less, or give the JVM more (THERMOSCOPE_JAVA_OPTS=-Xmx…)");
            code = 2;
        } else {
            StackTraceElement[] st = t.getStackTrace();
            err.println("error: internal error (please report): " + oneLine(String.valueOf(t))
                    + (st.length > 0 ? " at " + st[0] : "") + "; THERMOSCOPE_DEBUG=1 prints the stack trace");
            code = 1;
        }
        if (System.getenv("THERMOSCOPE_DEBUG") != null) t.printStackTrace(err);
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
