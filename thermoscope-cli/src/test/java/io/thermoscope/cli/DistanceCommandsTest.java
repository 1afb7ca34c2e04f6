package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.NdArray;
import io.thermoscope.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistanceCommandsTest {

    @Test
    void distanceContract() {
        CliRun r = CliRun.of("distance", "--gamma", "2", "--window", "1", "--mass", "0.5");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        for (String k : new String[]{"gamma", "lambda", "n", "logZ", "meanLogDistance", "varLogDistance", "Cv", "chi",
                "phase", "capture", "kvWindow", "provenance"}) {
            assertTrue(j.has(k), "missing key " + k + " in " + r.out());
        }
        assertTrue(j.get("n").isNull());
        // γ = 2, λ = 0, N = ∞: Z = ζ(2) = π²/6, and the mass at d = 1 is 1/ζ(2) (closed forms)
        assertEquals(Math.log(Math.PI * Math.PI / 6), j.get("logZ").asDouble(), 1e-13);
        assertEquals(6 / (Math.PI * Math.PI), j.get("capture").get("mass").asDouble(), 1e-13);
        assertEquals(1.0, j.get("chi").asDouble(), 0);
        assertEquals("B", j.get("phase").asText());
        assertEquals(1.0, j.get("kvWindow").get("window").asDouble(), 0);  // p(1) = 1/ζ(2) = 0.61 ≥ 0.5
        assertTrue(j.get("kvWindow").get("windowExact").asBoolean());
        assertEquals(2.0, j.get("kvWindow").get("continuum").asDouble(), 1e-12); // (1 − q)^{1/(1−γ)} = 2
    }

    @Test
    void chiAtGammaOneIsInfiniteAndAsymptoteReported() {
        CliRun r = CliRun.of("distance", "--gamma", "1", "--n", "1000000");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("Infinity", j.get("chi").asText());
        assertEquals("crossover", j.get("phase").asText());
        JsonNode a = j.get("logSquaredOver12");
        assertEquals(Math.pow(Math.log(1e6), 2) / 12, a.get("asymptote").asDouble(), 1e-12);
        assertTrue(Math.abs(a.get("ratio").asDouble() - 1) < 0.1);
    }

    @Test
    void distanceBadInput() {
        assertTrue(CliRun.of("distance", "--gamma", "0.5").isOneLineUserError());
        assertTrue(CliRun.of("distance", "--gamma", "NaN", "--lambda", "1").isOneLineUserError());
        assertTrue(CliRun.of("distance", "--gamma", "1.5", "--lambda", "-1").isOneLineUserError());
        assertTrue(CliRun.of("distance", "--gamma", "1.5", "--n", "0").isOneLineUserError());
        assertTrue(CliRun.of("distance", "--gamma", "1.5", "--mass", "1").isOneLineUserError());
        assertTrue(CliRun.of("distance", "--gamma", "1.5", "--mass", "0").isOneLineUserError());
    }

    @Test
    void decayFitRecoversKnownHeads(@TempDir Path dir) throws Exception {
        int heads = 2, k = 48;
        double[] gammas = {0.6, 1.5};
        double[] data = new double[heads * k * k];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < k; i++) {
                double z = 0;
                for (int d = 1; d <= i; d++) z += Math.pow(d, -gammas[h]) * Math.exp(-0.01 * d);
                for (int d = 1; d <= i; d++) data[(h * k + i) * k + i - d] = Math.pow(d, -gammas[h]) * Math.exp(-0.01 * d) / z;
                if (i == 0) data[(h * k) * k] = 1;
            }
        }
        Path f = dir.resolve("attn.npy");
        Npy.write(f, new NdArray(data, new int[]{heads, k, k}));
        CliRun r = CliRun.of("decay-fit", "--attention", f.toString(), "--bootstrap", "30");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(0.6, j.get("heads").get(0).get("gamma").asDouble(), 1e-8);
        assertEquals(1.5, j.get("heads").get(1).get("gamma").asDouble(), 1e-8);
        assertEquals("A", j.get("heads").get(0).get("phase").asText());
        assertTrue(j.get("heads").get(1).get("verdict").asText().startsWith("B, γ = 1.50"));
        assertTrue(j.has("aggregate") && j.has("provenance"));

        Path out = dir.resolve("out");
        CliRun w = CliRun.of("decay-fit", "--attention", f.toString(), "--queries", "last", "--bootstrap", "10", "--out", out.toString());
        assertEquals(0, w.code(), w.err());
        for (String name : new String[]{"fits.json", "fits.csv", "decay-fit.png", "decay-fit.svg"}) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        assertEquals(1 + 2 * 3, Files.readAllLines(out.resolve("fits.csv")).size());
    }

    @Test
    void decayFitBadInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("flat.npy");
        Npy.write(f, new NdArray(new double[]{0.5, 0.5, 0.5, 0.5}, new int[]{2, 2}));
        assertTrue(CliRun.of("decay-fit", "--attention", f.toString()).isOneLineUserError());
        Path bad = dir.resolve("bad.npy");
        Files.write(bad, new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 10, 0});
        assertTrue(CliRun.of("decay-fit", "--attention", bad.toString()).isOneLineUserError());
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, new NdArray(new double[]{1, 0, Double.NaN, 0.5}, new int[]{1, 2, 2}));
        assertTrue(CliRun.of("decay-fit", "--attention", nan.toString()).isOneLineUserError());
        Path ok = dir.resolve("ok.npy");
        Npy.write(ok, new NdArray(new double[]{1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5}, new int[]{1, 3, 3}));
        assertTrue(CliRun.of("decay-fit", "--attention", ok.toString(), "--queries", "middle").isOneLineUserError());
        assertFalse(CliRun.of("decay-fit", "--attention", ok.toString(), "--bootstrap", "5").isOneLineUserError());
    }
}
