package io.thermoscope.spark;

import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed Spark job into the CLI's two kinds of error: bad input found inside a task (exit 2, its own one-line
 * message) and everything else — lost executors, exhausted retries, I/O — as one line (exit 1), never Spark's
 * multi-line job report with remote stack traces.
 */
final class SparkErrors {
    private static final Pattern REMOTE_INPUT_ERROR = Pattern.compile(
            InvalidInputException.class.getName().replace(".", "\\.") + ": ([^\\n]*)");
    private static final Pattern MOST_RECENT = Pattern.compile("most recent failure: ([^\\n]*)");

    private SparkErrors() {
    }

    /** The error to throw for a job that failed with {@code e}. */
    static RuntimeException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException i) return i;
        }
        String message = String.valueOf(e.getMessage());
        Matcher m = REMOTE_INPUT_ERROR.matcher(message);
        if (m.find()) return new InvalidInputException(m.group(1));
        Matcher recent = MOST_RECENT.matcher(message);
        String line = recent.find() ? recent.group(1) : HadoopDirectory.firstLine(e);
        return new UncheckedIOException(new IOException("Spark job failed: " + line));
    }
}
