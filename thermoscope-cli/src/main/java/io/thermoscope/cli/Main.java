package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Entry point of the {@code thermoscope} command. */
public final class Main {
    private static volatile List<String> invocation = List.of("thermoscope");

    private Main() {
    }

    /** Runs the CLI and exits with its status (0 ok, 1 internal or I/O failure, 2 bad input). */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit status (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0) args = new String[]{"reproduce", "--quick"};   // the main job: the quick reproduction
        java.util.ArrayList<String> cmd = new java.util.ArrayList<>(List.of("thermoscope"));
        cmd.addAll(List.of(args));
        invocation = List.copyOf(cmd);
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The configured picocli command tree with Thermoscope's error handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ThermoscopeCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Throwable cause = ex;
            if (cause instanceof InvalidInputException) {
                err.println("error: " + oneLine(cause.getMessage()));
                return 2;
            }
            if (cause instanceof UncheckedIOException io) {
                err.println("error: " + oneLine(io.getMessage()));
                return 1;
            }
            err.println("internal error (please report): " + cause);
            cause.printStackTrace(err);
            return 1;
        });
        return cli;
    }

    /** The full command line of this invocation, for provenance. */
    public static List<String> invocation() {
        return invocation;
    }

    static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
