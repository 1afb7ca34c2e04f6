package io.thermoscope.peaks;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PeakFinder against scipy.signal.find_peaks / peak_prominences / peak_widths(rel_height=0.5)
 * (table from reference/make_table.py). Tolerances: heights and prominences 1e-12 absolute (the signals are
 * O(1)–O(10), the smoothing sums in a different order than numpy), widths 1e-9 absolute in x units.
 */
class PeakFinderTest {

    private static final String DIR = "/io/thermoscope/peaks/reference/";

    private static List<String[]> csv(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = PeakFinderTest.class.getResourceAsStream(DIR + name);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }

    @Test
    void matchesScipyOnGeneratedSignals() throws IOException {
        Map<Integer, List<double[]>> samples = new TreeMap<>();
        for (String[] r : csv("signals.csv")) {
            samples.computeIfAbsent(Integer.parseInt(r[0]), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(r[2]), Double.parseDouble(r[3])});
        }
        Map<String, List<String[]>> expected = new TreeMap<>();
        for (String[] r : csv("peaks.csv")) {
            expected.computeIfAbsent(r[0] + "/" + r[1], k -> new ArrayList<>()).add(r);
        }
        int compared = 0;
        for (var e : samples.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            for (int window : new int[] {1, 5, 11}) {
                String key = e.getKey() + "/" + window;
                List<String[]> want = expected.getOrDefault(key, List.of());
                List<Peak> got = PeakFinder.peaks(x, PeakFinder.smooth(y, window), 0.0);
                assertEquals(want.size(), got.size(), "number of peaks, signal/window " + key);
                double bestProminence = Double.NEGATIVE_INFINITY;
                int bestIndex = -1;
                for (int k = 0; k < want.size(); k++) {
                    String[] w = want.get(k);
                    Peak p = got.get(k);
                    String where = key + " peak " + k;
                    assertEquals(Integer.parseInt(w[2]), p.index(), where);
                    assertEquals(Double.parseDouble(w[3]), p.x(), 0.0, where);
                    assertEquals(Double.parseDouble(w[4]), p.height(), 1e-12, where);
                    double prom = Double.parseDouble(w[5]);
                    assertEquals(prom, p.prominence(), 1e-12, where);
                    assertEquals(Double.parseDouble(w[6]), p.width(), 1e-9, where);
                    if (prom > bestProminence + 1e-12) {
                        bestProminence = prom;
                        bestIndex = Integer.parseInt(w[2]);
                    }
                    compared++;
                }
                Optional<Peak> best = PeakFinder.mostProminent(x, y, window);
                assertEquals(want.isEmpty(), best.isEmpty(), key);
                best.ifPresent(b -> assertTrue(Math.abs(b.prominence() - want.stream()
                        .mapToDouble(w -> Double.parseDouble(w[5])).max().orElseThrow()) < 1e-12, key));
                if (bestIndex >= 0) {
                    assertEquals(bestIndex, best.orElseThrow().index(), key);
                }
            }
        }
        assertTrue(compared > 500, "compared " + compared + " peaks");
    }

    @Test
    void monotoneCurveHasNoPeak() {
        double[] x = {0, 1, 2, 3, 4, 5};
        assertTrue(PeakFinder.peaks(x, new double[] {0, 1, 2, 3, 4, 5}, 0).isEmpty());
        assertTrue(PeakFinder.peaks(x, new double[] {5, 4, 4, 3, 1, 0}, 0).isEmpty());
        assertTrue(PeakFinder.mostProminent(x, new double[] {0, 1, 2, 3, 4, 5}, 3).isEmpty());
        assertTrue(PeakFinder.peaks(new double[] {0, 1}, new double[] {0, 1}, 0).isEmpty());
        assertTrue(PeakFinder.peaks(new double[0], new double[0], 0).isEmpty());
    }

    @Test
    void plateauCountsOnceAtItsMiddle() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        double[] y = {0, 1, 3, 3, 3, 3, 1, 0};
        List<Peak> p = PeakFinder.peaks(x, y, 0);
        assertEquals(1, p.size());
        assertEquals(3, p.get(0).index()); // middle of samples 2..5, rounded down
        assertEquals(3.0, p.get(0).prominence(), 0.0);
        // half prominence 1.5 crossed at 1.25 and 5.75 (linear interpolation)
        assertEquals(4.5, p.get(0).width(), 1e-15);
        // a plateau that runs into the end is not a peak
        assertTrue(PeakFinder.peaks(new double[] {0, 1, 2, 3}, new double[] {0, 2, 2, 2}, 0).isEmpty());
    }

    @Test
    void triangleHasExactProminenceAndWidthInXUnits() {
        double[] x = {0, 0.5, 1.0, 2.0, 3.0};
        double[] y = {0, 1, 2, 1, 0};
        Peak p = PeakFinder.peaks(x, y, 0).get(0);
        assertEquals(2, p.index());
        assertEquals(1.0, p.x(), 0.0);
        assertEquals(2.0, p.prominence(), 0.0);
        assertEquals(2.0, p.height(), 0.0);
        assertEquals(2.0 - 0.5, p.width(), 1e-15); // crosses level 1 at x=0.5 and x=2.0
    }

    @Test
    void minimumProminenceFilters() {
        double[] x = {0, 1, 2, 3, 4, 5, 6};
        double[] y = {0, 5, 0, 1, 0.5, 2, 0};
        assertEquals(3, PeakFinder.peaks(x, y, 0).size());
        List<Peak> big = PeakFinder.peaks(x, y, 1.5);
        assertEquals(2, big.size());
        assertEquals(1, big.get(0).index());
        assertEquals(5, big.get(1).index());
        assertEquals(1, PeakFinder.mostProminent(x, y, 1).orElseThrow().index()); // prominence 5 beats 2
    }

    @Test
    void smoothingIsCentredAndShrinksAtTheEnds() {
        double[] y = {1, 2, 3, 10, 5};
        assertArrayEquals(y, PeakFinder.smooth(y, 1), 0.0);
        assertArrayEquals(new double[] {1, 2, 5, 6, 5}, PeakFinder.smooth(y, 3), 1e-15);
        assertArrayEquals(new double[] {1, 2, 21.0 / 5, 6, 5}, PeakFinder.smooth(y, 5), 1e-15);
    }

    @Test
    void badInputIsRejected() {
        double[] x = {0, 1, 2};
        assertThrows(InvalidInputException.class, () -> PeakFinder.peaks(x, new double[] {0, Double.NaN, 0}, 0));
        assertThrows(InvalidInputException.class, () -> PeakFinder.peaks(new double[] {0, Double.NaN, 2},
                new double[] {0, 1, 0}, 0));
        assertThrows(InvalidInputException.class, () -> PeakFinder.mostProminent(x, new double[] {0, 1, Double.POSITIVE_INFINITY}, 1));
        assertThrows(InvalidInputException.class, () -> PeakFinder.peaks(x, new double[] {0, 1}, 0));
        assertThrows(InvalidInputException.class, () -> PeakFinder.peaks(new double[] {0, 1, 1}, new double[] {0, 1, 0}, 0));
        assertThrows(InvalidInputException.class, () -> PeakFinder.smooth(new double[] {0, 1, 0}, 2));
        assertThrows(InvalidInputException.class, () -> PeakFinder.smooth(new double[] {0, 1, 0}, 0));
        assertFalse(PeakFinder.peaks(x, new double[] {0, 1, 0}, 0).isEmpty());
    }
}
