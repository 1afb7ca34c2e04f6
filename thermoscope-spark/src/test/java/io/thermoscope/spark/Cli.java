package io.thermoscope.spark;

import io.thermoscope.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in this JVM (Spark and all) and captures exit status, stdout and stderr. */
record Cli(int code, String out, String err) {
    /** The tiny grokking model of the CLI tests (seconds per run). */
    static final List<String> TINY = List.of("--preset", "fast", "--d-model", "16", "--heads", "2", "--d-mlp", "32",
            "--eval-every", "10", "--probe-size", "25", "--lr", "3e-3");

    static Cli run(List<String> args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    /** {@code grok sweep} of the tiny model with {@code extra} arguments. */
    static List<String> sweep(String... extra) {
        List<String> a = new ArrayList<>(List.of("grok", "sweep"));
        a.addAll(TINY);
        a.addAll(List.of(extra));
        return a;
    }

    /** A user error: exit 2 and exactly one line on stderr, starting with "error: ", without a stack trace. */
    boolean isOneLineUserError() {
        String e = err.strip();
        return code == 2 && e.startsWith("error: ") && e.lines().count() == 1 && !e.contains("\tat ");
    }
}
