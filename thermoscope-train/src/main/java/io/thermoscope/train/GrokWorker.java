package io.thermoscope.train;

import io.thermoscope.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Child-process entry point of a parallel sweep: {@code GrokWorker CONFIG.json OUTDIR} trains (resuming) one run. */
public final class GrokWorker {
    private GrokWorker() {
    }

    /** Runs one configuration; exit 0 on success, 2 on bad input, 1 otherwise. */
    public static void main(String[] args) {
        try {
            GrokConfig cfg = Json.mapper().readValue(Files.readString(Path.of(args[0])), GrokConfig.class);
            GrokRun.train(cfg, Path.of(args[1]), true, null, List.of("GrokWorker", args[0], args[1]));
            System.exit(0);
        } catch (io.thermoscope.InvalidInputException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }
}
