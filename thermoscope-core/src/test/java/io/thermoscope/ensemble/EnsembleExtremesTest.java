package io.thermoscope.ensemble;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ensemble where energies, their spread or T reach the ends of the double range, against
 * {@code reference/ensemble_extreme_reference.csv} ({@code make_ensemble_extreme_table.py}, mpmath, 40 digits):
 * every representable value to 1e-13 relative (absolute below 1e-300), every value beyond the range as ±∞ of the
 * right sign, never NaN. Also the head probe with query entries of 1e308.
 */
class EnsembleExtremesTest {

    @Test
    void extremeMagnitudesGiveTheRepresentableValuesAndInfinityForTheOthers() throws Exception {
        int rows = 0;
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("reference/ensemble_extreme_reference.csv")), StandardCharsets.UTF_8))) {
            String[] names = in.readLine().split(",");
            for (String line; (line = in.readLine()) != null; rows++) {
                String[] f = line.split(",");
                double T = Double.parseDouble(f[1]);
                double[] e = Arrays.stream(f[2].split(";")).mapToDouble(Double::parseDouble).toArray();
                EnsembleStatistics st = BoltzmannEnsemble.of(e, T);
                double[] got = {st.logZ(), st.F(), st.U(), st.S(), st.Cv(), st.varE(), st.nEff()};
                for (int k = 0; k < got.length; k++) {
                    String what = f[0] + " " + names[3 + k] + ": got " + got[k] + ", want " + f[3 + k];
                    if (f[3 + k].equals("overflow")) {
                        assertTrue(Double.isInfinite(got[k]), what);
                        continue;
                    }
                    double want = Double.parseDouble(f[3 + k]);
                    assertTrue(Double.isFinite(got[k]), what);
                    assertEquals(want, got[k], 1e-13 * Math.abs(want) + 1e-300, what);
                }
            }
        }
        assertTrue(rows >= 7, rows + " rows");
    }

    @Test
    void aHeadWithQueryEntriesOf1e308IsAPureGroundStateNotNaN() {
        double[][] q = {{1e308, 0}, {0, 1e308}, {1e308, -1e308}};
        double[][] k = {{1, 0}, {0, 2}, {-1, 1}};
        AttentionHeadProbe.Result r = AttentionHeadProbe.probe(q, k, new AttentionMask.Full(), Double.NaN);
        for (EnsembleStatistics st : r.perQuery()) {
            assertEquals(0.0, st.S(), 0, "energy gaps ~1e308/√2 put all weight on one key");
            assertEquals(0.0, st.Cv(), 0);
            assertEquals(1.0, st.nEff(), 0);
            for (double v : new double[] {st.logZ(), st.F(), st.U(), st.varE()}) assertTrue(!Double.isNaN(v), st.toString());
        }
        // query 0 sees q·k = (1e308, 0, −1e308): U = E_min = −1e308; ln Z = 1e308/√2 (finite)
        assertEquals(-1e308, r.perQuery().get(0).U(), 1e293);
        assertEquals(1e308 / Math.sqrt(2), r.perQuery().get(0).logZ(), 1e293);
        // query 1 sees (0, 2e308, 1e308): U = −2e308 is beyond the double range
        assertEquals(Double.NEGATIVE_INFINITY, r.perQuery().get(1).U());
        assertTrue(Double.isFinite(r.aggregate().S()) && Double.isFinite(r.aggregate().Cv()));
        assertTrue(!Double.isNaN(r.cvProxy()));
    }
}
