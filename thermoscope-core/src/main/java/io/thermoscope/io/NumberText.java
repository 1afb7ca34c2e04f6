package io.thermoscope.io;

import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain-text numbers: values separated by commas, whitespace or newlines; lines starting with {@code #} are
 * comments. Every value must be a finite decimal number; the first bad token is reported with its line.
 */
public final class NumberText {
    private NumberText() {
    }

    /** Reads all numbers of {@code path} as one flat vector (at least one value). */
    public static double[] readVector(Path path) {
        double[][] rows = readRows(path);
        int n = 0;
        for (double[] r : rows) n += r.length;
        double[] out = new double[n];
        int k = 0;
        for (double[] r : rows) {
            System.arraycopy(r, 0, out, k, r.length);
            k += r.length;
        }
        return out;
    }

    /** Reads {@code path} as a matrix: one row per non-empty line, all rows of equal length. */
    public static NdArray readMatrix(Path path) {
        try {
            return NdArray.ofRows(readRows(path));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(path + ": " + e.getMessage(), e);
        }
    }

    /** Reads the non-empty, non-comment lines of {@code path} as rows of numbers. */
    public static double[][] readRows(Path path) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("file not found: " + path);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(path + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            return parseRows(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(path + ": " + e.getMessage(), e);
        }
    }

    /** Parses text into rows (see class comment); throws on an empty input. */
    public static double[][] parseRows(String text) {
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] tokens = line.split("[,\\s]+");
            double[] row = new double[tokens.length];
            int k = 0;
            for (String t : tokens) {
                if (t.isEmpty()) continue;
                row[k++] = parseFinite(t, li + 1);
            }
            if (k > 0) rows.add(Arrays.copyOf(row, k));
        }
        if (rows.isEmpty()) throw new InvalidInputException("no numbers found (empty input)");
        return rows.toArray(double[][]::new);
    }

    private static double parseFinite(String token, int line) {
        double v;
        try {
            if (!token.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Inf|Infinity|inf|nan)")) {
                throw new NumberFormatException();
            }
            v = switch (token.replace("+", "").replace("-", "").toLowerCase()) {
                case "nan" -> Double.NaN;
                case "inf", "infinity" -> Double.POSITIVE_INFINITY;
                default -> Double.parseDouble(token);
            };
        } catch (NumberFormatException e) {
            throw new InvalidInputException("line " + line + ": '" + abbreviate(token) + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new InvalidInputException("line " + line + ": non-finite value '" + token + "'");
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
