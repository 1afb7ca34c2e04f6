package io.thermoscope.attention;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus scanned in consecutive parts (as Spark partitions scan it) and concatenated is the scan of the whole:
 * per-document data identical (compared as serialised bytes), per-head means and spreads to round-off of the
 * sketch merges — for every way of cutting the corpus into parts.
 */
class AttentionScanConcatenateTest {
    private static final int DOCUMENTS = 7;

    private static AttentionScan scan(int from, int to) {
        AttentionScan scan = new AttentionScan(new AttentionScan.Options(1, 1, new ContextGrowth(16, 4, 1, 1), true));
        for (int d = from; d < to; d++) {
            scan.add("doc" + d, SyntheticPasses.distanceLaw(40 + 9 * d, new double[] {0.4, 1.3}, 0.01, 0.5, 1, false, d));
        }
        return scan;
    }

    private static byte[] bytes(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    @Test
    void anyCutIntoPartsConcatenatesToTheWholeScan() throws IOException {
        AttentionScan whole = scan(0, DOCUMENTS);
        double worst = 0;
        // every composition of 7 documents into consecutive parts (2^6 cuts), empty parts added at the ends
        for (int mask = 0; mask < 1 << (DOCUMENTS - 1); mask++) {
            List<AttentionScan> parts = new ArrayList<>(List.of(scan(0, 0)));
            int from = 0;
            for (int d = 1; d <= DOCUMENTS; d++) {
                if (d == DOCUMENTS || (mask & 1 << (d - 1)) != 0) {
                    parts.add(scan(from, d));
                    from = d;
                }
            }
            parts.add(scan(0, 0));
            AttentionScan joined = AttentionScan.concatenate(parts);
            assertEquals(whole.documents(), joined.documents());
            assertEquals(whole.curveDocuments(), joined.curveDocuments());
            assertEquals(whole.tokens(), joined.tokens());
            assertEquals(whole.masking(), joined.masking());
            assertArrayEquals(bytes(new ArrayList<>(whole.profiles())), bytes(new ArrayList<>(joined.profiles())));
            assertArrayEquals(bytes(new ArrayList<>(whole.curves())), bytes(new ArrayList<>(joined.curves())));
            for (int h = 0; h < 2; h++) {
                HeadThermodynamics a = whole.thermodynamics()[0][h], b = joined.thermodynamics()[0][h];
                assertEquals(a.queries(), b.queries());
                double[] x = {a.logZ(), a.freeEnergy(), a.internalEnergy(), a.entropy(), a.specificHeat(), a.specificHeatStd(), a.nEff()};
                double[] y = {b.logZ(), b.freeEnergy(), b.internalEnergy(), b.entropy(), b.specificHeat(), b.specificHeatStd(), b.nEff()};
                for (int k = 0; k < x.length; k++) worst = Math.max(worst, Math.abs(x[k] - y[k]) / Math.abs(x[k]));
            }
        }
        assertTrue(worst < 1e-14, "worst relative difference " + worst);
    }

    @Test
    void emptyPartsAndMismatchedParts() {
        AttentionScan none = AttentionScan.concatenate(List.of(scan(0, 0), scan(0, 0)));
        assertEquals(List.of(), none.documents());
        assertNull(none.masking());
        AttentionScan other = new AttentionScan(new AttentionScan.Options(0, 0, null, true));
        assertThrows(io.thermoscope.InvalidInputException.class, () -> AttentionScan.concatenate(List.of(scan(0, 1), other)));
        assertThrows(io.thermoscope.InvalidInputException.class, () -> AttentionScan.concatenate(List.of()));
    }
}
