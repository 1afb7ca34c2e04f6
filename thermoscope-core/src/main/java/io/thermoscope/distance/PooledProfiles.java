package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profile sums of several clusters (documents) of one head, ready to be fitted with any weight per cluster —
 * the point estimate (every weight 1) and the replicates of a cluster bootstrap (weights = how often a document
 * was drawn) cost the same: O(supports + distances) per Newton step, independent of the number of queries.
 */
public final class PooledProfiles {

    private final List<ProfileSums> clusters;
    private final DecayLikelihood likelihood;
    private final int[][] supportIndex;   // per cluster: indices of its supports
    private final int[][] supportCount;   // per cluster: profiles on each of those supports
    private final int[] grid;
    private final double[] meanMass, meanCount;
    /** Profiles per support of every cluster when all clusters have the same (documents of one length); else null. */
    private final double[] shared;

    /** Pools the clusters (same direction and grid; at least one profile in all). */
    public PooledProfiles(List<ProfileSums> clusters) {
        if (clusters.isEmpty()) throw new InvalidInputException("no profile sums to pool");
        this.clusters = List.copyOf(clusters);
        ProfileSums first = clusters.get(0);
        this.grid = first.grid();
        Map<Long, Integer> index = new LinkedHashMap<>();
        List<int[]> idx = new ArrayList<>(), cnt = new ArrayList<>();
        int maxLen = 0;
        long total = 0;
        for (ProfileSums c : clusters) {
            if (c.direction() != first.direction() || !Arrays.equals(c.grid(), grid)) {
                throw new InvalidInputException("profile sums with different directions or grids cannot be pooled");
            }
            total += c.profiles();
            List<int[]> pairs = new ArrayList<>();
            for (Map.Entry<Integer, int[]> e : c.supports.entrySet()) {
                int len = e.getKey();
                int[] counts = e.getValue();
                for (int off = 0; off < len; off++) {
                    if (counts[off] == 0) continue;
                    int past = c.past(len, off), future = c.future(len, off);
                    maxLen = Math.max(maxLen, Math.max(past, future));
                    int s = index.computeIfAbsent(((long) past << 32) | future, k -> index.size());
                    pairs.add(new int[] {s, counts[off]});
                }
            }
            idx.add(pairs.stream().mapToInt(x -> x[0]).toArray());
            cnt.add(pairs.stream().mapToInt(x -> x[1]).toArray());
        }
        if (total == 0 || maxLen < 2) throw new InvalidInputException("need profiles reaching distance 2 to fit a decay law");
        int[] past = new int[index.size()], future = new int[index.size()];
        index.forEach((key, s) -> {
            past[s] = (int) (key >>> 32);
            future[s] = (int) (key & 0xffffffffL);
        });
        this.likelihood = new DecayLikelihood(maxLen, past, future);
        this.supportIndex = idx.toArray(new int[0][]);
        this.supportCount = cnt.toArray(new int[0][]);
        this.meanMass = new double[maxLen];
        this.meanCount = new double[maxLen];
        boolean same = true;
        for (int c = 1; c < supportIndex.length && same; c++) {
            same = Arrays.equals(supportIndex[c], supportIndex[0]) && Arrays.equals(supportCount[c], supportCount[0]);
        }
        double[] sh = null;
        if (same) {
            sh = new double[past.length];
            for (int k = 0; k < supportIndex[0].length; k++) sh[supportIndex[0][k]] = supportCount[0][k];
        }
        this.shared = sh;
        for (ProfileSums c : clusters) for (int d = 0; d < c.mass.length; d++) meanMass[d] += c.mass[d];
        double[] unit = unitWeights();
        double[] w = supportWeights(unit);
        for (int s = 0; s < past.length; s++) {
            int len = Math.max(past[s], future[s]);
            for (int d = 0; d < len; d++) meanCount[d] += w[s];
        }
    }

    /** Number of clusters. */
    public int clusters() {
        return clusters.size();
    }

    /** Total number of profiles. */
    public long profiles() {
        long n = 0;
        for (ProfileSums c : clusters) n += c.profiles();
        return n;
    }

    /** Largest distance of any profile. */
    public int maxDistance() {
        return likelihood.maxDistance;
    }

    /** Weight 1 for every cluster (the point estimate). */
    public double[] unitWeights() {
        double[] w = new double[clusters.size()];
        Arrays.fill(w, 1);
        return w;
    }

    /** Maximum likelihood of d^−γ e^−λd (λ = 0 unless {@code fitLambda}) with cluster weights {@code w}. */
    public DecayLaw fit(double[] w, boolean fitLambda) {
        return fit(w, fitLambda, null);
    }

    /** {@link #fit(double[], boolean)} with Newton started at {@code start} (e.g. the point estimate, for replicates). */
    public DecayLaw fit(double[] w, boolean fitLambda, DecayLaw start) {
        double[] support = supportWeights(w);
        double wsum = 0, a = 0, b = 0;
        for (int c = 0; c < clusters.size(); c++) {
            ProfileSums s = clusters.get(c);
            wsum += w[c] * s.profiles;
            a += w[c] * s.sumLn;
            b += w[c] * s.sumD;
        }
        if (!(wsum > 0)) return new DecayLaw(Double.NaN, Double.NaN, false);
        return likelihood.fit(support, wsum, a, b, fitLambda, start);
    }

    /** Profiles per cluster. */
    public long[] profilesByCluster() {
        return clusters.stream().mapToLong(ProfileSums::profiles).toArray();
    }

    /** The observed captured mass Σ_profiles Σ_{d ≤ N} m(d) per cluster and grid distance N. */
    public double[][] capturedByCluster() {
        double[][] out = new double[clusters.size()][];
        for (int c = 0; c < out.length; c++) out[c] = clusters.get(c).captured();
        return out;
    }

    /** The captured mass {@code law} predicts on each cluster's supports, summed over its profiles, per grid distance N. */
    public double[][] predictedCapturedByCluster(DecayLaw law) {
        double[][] perSupport = likelihood.capturedMass(law, grid);
        double[][] out = new double[clusters.size()][grid.length];
        for (int c = 0; c < out.length; c++) {
            int[] idx = supportIndex[c], cnt = supportCount[c];
            for (int k = 0; k < idx.length; k++) {
                for (int g = 0; g < grid.length; g++) out[c][g] += cnt[k] * perSupport[idx[k]][g];
            }
        }
        return out;
    }

    /** The observed mean captured mass per grid distance N, clusters weighted by {@code w}. */
    public double[] capturedMass(double[] w) {
        return weightedMean(capturedByCluster(), w);
    }

    /** The mean captured mass {@code law} predicts on the same supports, clusters weighted by {@code w}. */
    public double[] predictedCapturedMass(DecayLaw law, double[] w) {
        return weightedMean(predictedCapturedByCluster(law), w);
    }

    /** Σ_c w_c sums_c[g] / Σ_c w_c profiles_c: a per-profile mean from per-cluster sums. */
    public double[] weightedMean(double[][] sums, double[] w) {
        supportWeights(w); // checks the length
        double[] out = new double[grid.length];
        double n = 0;
        for (int c = 0; c < clusters.size(); c++) {
            if (w[c] == 0) continue;
            n += w[c] * clusters.get(c).profiles;
            for (int g = 0; g < grid.length; g++) out[g] += w[c] * sums[c][g];
        }
        for (int g = 0; g < grid.length; g++) out[g] /= n;
        return out;
    }

    /** R² in log space of the pooled mean profile against {@code law} on the same supports (all clusters). */
    public double r2(DecayLaw law) {
        return likelihood.r2(law, supportWeights(unitWeights()), meanMass, meanCount);
    }

    /** Log–log OLS power law of the pooled mean profile (the peer tools' estimator, λ = 0). */
    public DecayLaw meanProfileSlope() {
        return likelihood.meanProfileSlope(meanMass, meanCount);
    }

    /** The captured-mass distances. */
    public int[] grid() {
        return grid.clone();
    }

    private double[] supportWeights(double[] w) {
        if (w.length != clusters.size()) {
            throw new InvalidInputException("need one weight per cluster: " + w.length + " for " + clusters.size());
        }
        double[] out = new double[likelihood.count()];
        if (shared != null) { // every cluster has these supports: the weights only scale them
            double total = 0;
            for (double x : w) total += x;
            for (int s = 0; s < out.length; s++) out[s] = total * shared[s];
            return out;
        }
        for (int c = 0; c < supportIndex.length; c++) {
            if (w[c] == 0) continue;
            int[] idx = supportIndex[c], cnt = supportCount[c];
            for (int k = 0; k < idx.length; k++) out[idx[k]] += w[c] * cnt[k];
        }
        return out;
    }
}
