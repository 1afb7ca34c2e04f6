package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;
import io.thermoscope.special.Polylogarithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope polylog}: the polylogarithm Li_s(z) at one point, or for every (s, z) row of a CSV. */
@Command(name = "polylog", mixinStandardHelpOptions = true,
        description = {"The polylogarithm Li_s(z) = sum_k z^k k^-s for real s and real z <= 1 (z = 1 only for s > 1,",
                "where it is zeta(s); negative z down to -e^2 = -7.389). One point as JSON {s, z, value}, or a CSV with",
                "header 's,z' to CSV 's,z,value' on stdout (17 significant digits)."},
        footer = {"", "Examples:", "  thermoscope polylog --s 2 --z 0.5", "  thermoscope polylog --csv points.csv > values.csv"})
public final class PolylogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--s", paramLabel = "S", description = "Order s (real).")
    Double s;

    @Option(names = "--z", paramLabel = "Z", description = "Argument z <= 1.")
    Double z;

    @Option(names = "--csv", paramLabel = "FILE", description = "CSV with header 's,z'; writes 's,z,value' to stdout.")
    Path csv;

    /** The JSON result of one evaluation. */
    record Result(double s, double z, double value) {
    }

    @Override
    public Integer call() {
        if (csv != null) {
            if (s != null || z != null) throw new InvalidInputException("give either --csv or --s and --z, not both");
            spec.commandLine().getOut().print(table(csv));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (s == null || z == null) throw new InvalidInputException("give --s and --z (or --csv FILE)");
        Output.json(Json.toObject(new Result(s, z, Polylogarithm.value(s, z))), null, null, spec.commandLine().getOut());
        return 0;
    }

    /** The whole output CSV (built first, so a bad line prints nothing but the error). */
    static String table(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder("s,z,value\n");
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            String where = file.getFileName() + " line " + (i + 1);
            if (!header) {
                if (!line.replace(" ", "").equalsIgnoreCase("s,z")) {
                    throw new InvalidInputException(where + ": expected the header 's,z', got '" + line + "'");
                }
                header = true;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 2) throw new InvalidInputException(where + ": expected two fields s,z, got '" + line + "'");
            double sv = number(f[0], where), zv = number(f[1], where);
            double v;
            try {
                v = Polylogarithm.value(sv, zv);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ": " + e.getMessage(), e);
            }
            out.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g%n", sv, zv, v));
        }
        if (!header) throw new InvalidInputException(file + " is empty: expected the header 's,z'");
        return out.toString();
    }

    private static double number(String text, String where) {
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": not a finite number: '" + text.strip() + "'");
        }
    }
}
