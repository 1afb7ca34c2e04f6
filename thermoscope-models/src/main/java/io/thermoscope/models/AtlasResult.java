package io.thermoscope.models;

import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;
import io.thermoscope.plot.Heatmap;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The atlas of one model: one {@link HeadStats} per (layer, head), layer-major.
 *
 * @param model     model name
 * @param layers    attention layers
 * @param headsPerLayer heads per layer
 * @param dk        key dimension
 * @param T         temperature √d_k
 * @param prompts   prompts run
 * @param tokens    tokens run (sum of sequence lengths)
 * @param distanceDirection which side(s) the distance profiles fold ("both": |i − j|)
 * @param heads     the per-head statistics
 */
public record AtlasResult(String model, int layers, int headsPerLayer, int dk, double T, int prompts, long tokens,
                          String distanceDirection, List<HeadStats> heads) {

    /** The statistics of one head. */
    public HeadStats head(int layer, int head) {
        return heads.get(layer * headsPerLayer + head);
    }

    /** A [layer][head] table of one statistic. */
    public double[][] table(ToDoubleFunction<HeadStats> f) {
        double[][] t = new double[layers][headsPerLayer];
        for (HeadStats h : heads) t[h.layer()][h.head()] = f.applyAsDouble(h);
        return t;
    }

    /** Writes atlas.json (with provenance), atlas.csv and the C_v, S and γ heatmaps (SVG + PNG) into {@code dir}. */
    public void writeTo(Path dir, Provenance provenance) {
        Json.write(dir.resolve("atlas.json"), Json.withProvenance(this, provenance));
        AtomicFiles.writeString(dir.resolve("atlas.csv"), csv());
        heatmap("C_v = Var(E)/T² per head — " + model, "C_v", table(HeadStats::Cv)).save(dir, "atlas-cv");
        heatmap("Entropy S per head — " + model, "S (nats)", table(HeadStats::S)).save(dir, "atlas-entropy");
        heatmap("Distance decay γ per head — " + model, "γ", table(HeadStats::gamma)).save(dir, "atlas-gamma");
    }

    /** Writes the atlas with the provenance of a library call. */
    public void writeTo(Path dir) {
        writeTo(dir, Provenance.capture(List.of("io.thermoscope.models.Atlas"), null));
    }

    private Heatmap heatmap(String title, String unit, double[][] values) {
        String[] x = new String[headsPerLayer];
        for (int h = 0; h < headsPerLayer; h++) x[h] = Integer.toString(h);
        String[] y = new String[layers];
        for (int l = 0; l < layers; l++) y[l] = Integer.toString(l);
        return new Heatmap(title, "head", "layer", values).xTicks(x).yTicks(y).colorbarLabel(unit);
    }

    /** The heads as CSV (header row, %.17g). */
    public String csv() {
        StringBuilder sb = new StringBuilder("layer,head,T,queries,logZ,F,U,S,Cv,CvStd,nEff,gamma,gammaLo,gammaHi,"
                + "lambda,lambdaLo,lambdaHi,gammaOls,phase,decayR2,profiles\n");
        for (HeadStats h : heads) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.17g,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,"
                            + "%.17g,%.17g,%.17g,%.17g,%.17g,%s,%.17g,%d%n", h.layer(), h.head(), h.T(), h.queries(),
                    h.logZ(), h.F(), h.U(), h.S(), h.Cv(), h.CvStd(), h.nEff(), h.gamma(), h.gammaLo(), h.gammaHi(),
                    h.lambda(), h.lambdaLo(), h.lambdaHi(), h.gammaOls(), h.phase(), h.decayR2(), h.profiles()));
        }
        return sb.toString();
    }
}
