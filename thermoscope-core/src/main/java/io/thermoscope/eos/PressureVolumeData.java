package io.thermoscope.eos;

import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured (V, P) pairs for an equation-of-state fit, read from a CSV with a header row (e.g. the one
 * {@code thermoscope first-law --csv} writes: columns {@code V} and {@code pressure}).
 *
 * @param volume   V_i &gt; 0
 * @param pressure P_i (finite)
 * @param skipped  rows dropped because P was not finite (first-law curves have P = NaN at V = 1)
 * @param source   where the data came from
 */
public record PressureVolumeData(double[] volume, double[] pressure, int skipped, String source) {
    /** Validates: equal lengths, V finite and &gt; 0, P finite. */
    public PressureVolumeData {
        if (volume.length != pressure.length) throw new InvalidInputException("V and P have different lengths");
        for (int i = 0; i < volume.length; i++) {
            if (!Double.isFinite(volume[i]) || volume[i] <= 0) {
                throw new InvalidInputException("volume " + i + " must be finite and > 0, got " + volume[i]);
            }
            InvalidInputException.requireFinite("pressure " + i, pressure[i]);
        }
    }

    /**
     * Reads columns {@code vColumn} and {@code pColumn} ({@code null}: {@code V}, and {@code P} or else
     * {@code pressure}; names match case-insensitively) of a comma-separated file with a header row. Blank lines
     * and lines starting with {@code #} are ignored; rows whose P is not finite are skipped and counted.
     */
    public static PressureVolumeData readCsv(Path file, String vColumn, String pColumn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String[] header = null;
        int vi = -1, pi = -1, skipped = 0, lineNo = 0;
        List<double[]> rows = new ArrayList<>();
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split(",", -1);
            if (header == null) {
                header = f;
                vi = column(header, vColumn == null ? new String[] {"V"} : new String[] {vColumn}, file);
                pi = column(header, pColumn == null ? new String[] {"P", "pressure"} : new String[] {pColumn}, file);
                continue;
            }
            if (f.length <= Math.max(vi, pi)) {
                throw new InvalidInputException(file + ":" + lineNo + ": expected at least " + (Math.max(vi, pi) + 1) + " columns");
            }
            double v, p;
            try {
                v = Double.parseDouble(f[vi].strip());
                p = Double.parseDouble(f[pi].strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file + ":" + lineNo + ": not a number in column V or P");
            }
            if (!Double.isFinite(p)) {
                skipped++;
                continue;
            }
            rows.add(new double[] {v, p});
        }
        if (header == null) throw new InvalidInputException(file + ": empty file (a header row V,P is required)");
        double[] v = new double[rows.size()], p = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.get(i)[0];
            p[i] = rows.get(i)[1];
        }
        return new PressureVolumeData(v, p, skipped, file.toString());
    }

    /**
     * True when the file's header is the one {@code thermoscope first-law --csv} writes (it has the columns
     * {@code pressure} and {@code idealPressureExact}): its pressures are interval means F(V−1) − F(V).
     */
    public static boolean isFirstLawCsv(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String header = lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElse("");
            var cols = java.util.Arrays.stream(header.split(",")).map(String::strip).toList();
            return cols.contains("pressure") && cols.contains("idealPressureExact");
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static int column(String[] header, String[] names, Path file) {
        for (String n : names) {
            for (int i = 0; i < header.length; i++) if (header[i].strip().equals(n)) return i;
        }
        for (String n : names) {
            for (int i = 0; i < header.length; i++) if (header[i].strip().equalsIgnoreCase(n)) return i;
        }
        throw new InvalidInputException(file + ": no column named " + String.join(" or ", names) + " in the header");
    }
}
