package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures exit code, stdout and stderr (shared by the CLI tests). */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return Json.mapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not JSON: " + out, e);
        }
    }

    /** A user error: exit 2, exactly one line on stderr starting with "error:", no stack trace. */
    boolean isOneLineUserError() {
        String e = err.strip();
        return code == 2 && e.startsWith("error: ") && !e.contains("\n\tat ") && !e.contains("Exception")
                && e.lines().filter(l -> l.startsWith("error:")).count() == 1;
    }
}
