package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.NdArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Decay-law fits for every head of an attention-probability array shaped [heads, q, k] or [layers, heads, q, k],
 * plus one fit pooling all heads' profiles.
 */
public final class AttentionDecay {

    /**
     * The fit of one head.
     *
     * @param layer    layer index (0 when the array has no layer axis)
     * @param head     head index
     * @param fit      both estimates
     * @param meanMass mean attention mass at distance d = 1 … (index d − 1) over the head's profiles
     */
    public record HeadFit(int layer, int head, DecayFit.Result fit, double[] meanMass) {
    }

    /**
     * All heads and the aggregate.
     *
     * @param heads     one fit per (layer, head)
     * @param aggregate a fit pooling every head's profiles
     * @param queries   which queries were used
     * @param direction how keys were folded by distance
     */
    public record Result(List<HeadFit> heads, DecayFit.Result aggregate, double[] aggregateMeanMass,
                         DistanceProfile.Queries queries, DistanceProfile.Direction direction) {
    }

    private AttentionDecay() {
    }

    /** Fits every head of {@code attention}. */
    public static Result fit(NdArray attention, DistanceProfile.Queries queries, DistanceProfile.Direction direction,
                             DecayFit.Options options) {
        int[] s = attention.shape();
        if (s.length != 3 && s.length != 4) {
            throw new InvalidInputException("attention must be shaped [heads, q, k] or [layers, heads, q, k], got "
                    + java.util.Arrays.toString(s));
        }
        int layers = s.length == 4 ? s[0] : 1;
        int heads = s[s.length - 3], q = s[s.length - 2], k = s[s.length - 1];
        if (layers == 0 || heads == 0 || q == 0 || k < 2) {
            throw new InvalidInputException("attention array is empty or has fewer than 2 keys: "
                    + java.util.Arrays.toString(s));
        }
        double[] data = attention.data();
        List<HeadFit> out = new ArrayList<>();
        List<DistanceProfile> all = new ArrayList<>();
        int head0 = 0;
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++, head0++) {
                double[][] m = new double[q][k];
                int base = head0 * q * k;
                for (int i = 0; i < q; i++) System.arraycopy(data, base + i * k, m[i], 0, k);
                List<DistanceProfile> profiles = DistanceProfile.fromMatrix(m, queries, direction);
                if (profiles.isEmpty()) {
                    throw new InvalidInputException("layer " + l + " head " + h + " has no attention mass at distance >= 1");
                }
                all.addAll(profiles);
                out.add(new HeadFit(l, h, DecayFit.fit(profiles, options.withSeed(options.seed() + head0 + 1)),
                        meanMass(profiles)));
            }
        }
        return new Result(out, DecayFit.fit(all, options), meanMass(all), queries, direction);
    }

    /** Mean mass at each distance over the profiles that reach it. */
    public static double[] meanMass(List<DistanceProfile> profiles) {
        int len = 0;
        for (DistanceProfile p : profiles) len = Math.max(len, p.length());
        double[] sum = new double[len];
        int[] count = new int[len];
        for (DistanceProfile p : profiles) {
            for (int d = 0; d < p.length(); d++) {
                sum[d] += p.mass()[d];
                count[d]++;
            }
        }
        for (int d = 0; d < len; d++) sum[d] = count[d] == 0 ? Double.NaN : sum[d] / count[d];
        return sum;
    }
}
