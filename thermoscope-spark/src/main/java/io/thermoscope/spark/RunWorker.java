package io.thermoscope.spark;

import io.thermoscope.train.GrokWorker;

/**
 * The child JVM of a sweep task: {@code RunWorker JOB.json} trains (resuming) one batch with
 * {@link GrokWorker}, and halts as soon as its standard input reaches end-of-file — that is, when the executor that
 * started it has died — so a killed executor leaves no orphan training behind while Spark retries the task elsewhere.
 */
public final class RunWorker {
    private RunWorker() {
    }

    /** Starts the watchdog, then trains; exit 0 on success, 2 on bad input, 1 otherwise, 137 when orphaned. */
    public static void main(String[] args) {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent never writes; anything read is ignored
                }
            } catch (java.io.IOException ignored) {
                // a broken pipe means the same as end-of-file
            }
            Runtime.getRuntime().halt(137);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        GrokWorker.main(args);
    }
}
