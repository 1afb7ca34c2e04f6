package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One grokking run: a {@link BatchRun} of one, whose checkpoint lies in its own directory. Writes
 * {@code config.json}, {@code metrics.csv}, {@code summary.json} and {@code checkpoint.bin} into the output
 * directory; deterministic for a given seed and thread count; a resumed run reproduces the uninterrupted one.
 */
public final class GrokRun {
    /** File names inside a run directory. */
    public static final String CONFIG = BatchRun.CONFIG, METRICS = BatchRun.METRICS, SUMMARY = BatchRun.SUMMARY,
            CHECKPOINT = BatchRun.CHECKPOINT;

    private GrokRun() {
    }

    /** Trains (or resumes) the run of {@code cfg} in {@code outDir} with the default gate; {@code listener} may be null. */
    public static GrokSummary train(GrokConfig cfg, Path outDir, boolean resume, GrokListener listener) {
        return train(cfg, outDir, resume, GrokGate.DEFAULT, PlateauWindow.DEFAULT, listener, List.of("GrokRun.train"));
    }

    /** As {@link #train(GrokConfig, Path, boolean, GrokListener)} with the given analysis, recording {@code commandLine}. */
    public static GrokSummary train(GrokConfig cfg, Path outDir, boolean resume, GrokGate gate, PlateauWindow window,
                                    GrokListener listener, List<String> commandLine) {
        return BatchRun.train(BatchRun.Batch.single(cfg, outDir), resume, gate, window, listener, commandLine).get(0);
    }

    /** Writes metrics.csv: header, then one row per evaluation ({@code %.17g}, Locale.ROOT). */
    static void writeMetrics(Path file, GrokConfig cfg, List<EvalRow> rows) {
        StringBuilder sb = new StringBuilder(EvalRow.header(cfg.model().layers(), cfg.model().heads())).append('\n');
        for (EvalRow r : rows) {
            double[] v = r.values();
            for (int i = 0; i < v.length; i++) {
                if (i > 0) sb.append(',');
                if (i == 0) sb.append(r.step());
                else sb.append(String.format(Locale.ROOT, "%.17g", v[i]));
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Reads a finished run's summary.json back. */
    public static GrokSummary readSummary(Path file) {
        return Json.readWithoutProvenance(file, GrokSummary.class);
    }

    /** Reads the rows of a run's metrics.csv back (for analyses across runs); {@code heads} = layers × heads. */
    public static List<EvalRow> readMetrics(Path file, int heads) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<EvalRow> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) v[i] = Double.parseDouble(f[i]);
                rows.add(EvalRow.fromValues(v, heads));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new InvalidInputException("malformed " + file + ": " + e.getMessage());
        }
    }
}
