package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.thermoscope.ensemble.DynamicalTemperature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The monitor against direct evaluations of its definitions on random queries and keys of a batch of two runs,
 * four positions (three operands): the "=" query's C_v and U, C_v averaged over the queries with ≥ 2 keys (the
 * first position left out), and the proxy over every unmasked entry.
 */
class ThermoMonitorTest {

    @Test
    void headStatisticsMatchDirectFormulas() {
        GrokConfig cfg = GrokConfig.preset("fast", 5, 0).toBuilder().dModel(8).heads(2).dMlp(8).operands(3).build();
        int runs = 2, b = 6, h = 2, s = 4, dk = 4;
        SplittableRandom r = new SplittableRandom(9);
        float[] q = new float[runs * b * h * s * dk], k = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) (2 * r.nextGaussian());
            k[i] = (float) (2 * r.nextGaussian());
        }
        Engine engine = TorchRuntime.start(1);
        try (NDManager m = engine.newBaseManager()) {
            BatchedTransformer model = new BatchedTransformer(cfg, runs, m);
            float[] flat = model.initialParameters(List.of(new SplittableRandom(1), new SplittableRandom(2)), new double[] {1, 1});
            BatchedTransformer.Capture cap = new BatchedTransformer.Capture(List.of(q), List.of(k));
            double T = Math.sqrt(dk);
            for (int run = 0; run < runs; run++) {
                ThermoMonitor.HeadThermo[][] th = ThermoMonitor.measure(cfg, cap, run, model.layout(), flat);
                for (int hh = 0; hh < h; hh++) {
                    double cvAnswer = 0, cvMean = 0, u = 0;
                    java.util.List<Double> scores = new java.util.ArrayList<>();
                    for (int bb = 0; bb < b; bb++) {
                        for (int i = 0; i < s; i++) {
                            double[] e = new double[i + 1];
                            for (int j = 0; j <= i; j++) {
                                double dot = 0;
                                for (int c = 0; c < dk; c++) {
                                    dot += (double) q[(((run * b + bb) * h + hh) * s + i) * dk + c] * k[(((run * b + bb) * h + hh) * s + j) * dk + c];
                                }
                                e[j] = -dot;
                                scores.add(dot / T);
                            }
                            if (i == 0) continue;
                            double z = 0, m1 = 0, m2 = 0;
                            for (double ej : e) z += Math.exp(-ej / T);
                            for (double ej : e) m1 += Math.exp(-ej / T) / z * ej;
                            for (double ej : e) m2 += Math.exp(-ej / T) / z * (ej - m1) * (ej - m1);
                            cvMean += m2 / (T * T);
                            if (i == s - 1) {
                                cvAnswer += m2 / (T * T);
                                u += m1;
                            }
                        }
                    }
                    cvAnswer /= b;
                    u /= b;
                    cvMean /= b * (s - 1);
                    double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    double var = scores.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / scores.size();
                    assertEquals(cvAnswer, th[0][hh].cvAnswer(), 1e-10 * Math.max(1, cvAnswer));
                    assertEquals(cvMean, th[0][hh].cvMean(), 1e-10 * Math.max(1, cvMean));
                    assertEquals(u, th[0][hh].u(), 1e-10 * Math.max(1, Math.abs(u)));
                    assertEquals(var, th[0][hh].cvProxy(), 1e-10 * Math.max(1, var));
                }
            }
        }
    }

    @Test
    void qrReducedTeffEqualsDirectDynamicalTemperature() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] wq = new double[40][6], wk = new double[40][6];
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 6; j++) {
                wq[i][j] = r.nextGaussian();
                wk[i][j] = 0.3 * r.nextGaussian() + 0.5 * wq[i][j];
            }
        }
        DynamicalTemperature direct = DynamicalTemperature.of(wq, wk), reduced = ThermoMonitor.teff(wq, wk);
        assertEquals(direct.teffFrobenius(), reduced.teffFrobenius(), 1e-12 * direct.teffFrobenius());
        assertEquals(direct.teffSpectral(), reduced.teffSpectral(), 1e-10 * direct.teffSpectral());
        assertEquals(direct.nEffQK(), reduced.nEffQK(), 1e-9 * direct.nEffQK());
        assertEquals(direct.dk(), reduced.dk());
    }
}
