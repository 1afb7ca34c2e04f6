package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sufficient statistics of many distance profiles — typically every query of one head on one document, one
 * cluster of a cluster bootstrap — for the decay law d^−γ e^−λd (polylog chapter §22.4): the number of profiles,
 * the sums of their observed means of ln d and d (all the likelihood needs besides the supports), how many profiles
 * share each support, and the summed mass at each distance (the mean profile, whose prefix sums are the captured mass
 * Σ_{d ≤ N} m(d) at the distances N of a grid: the KV-window mass of §22.6). Profiles are built straight from
 * attention rows, nothing is kept per query; memory is O(sequence length). Serializable (sums travel between
 * Spark executors and the driver).
 */
public final class ProfileSums implements java.io.Serializable {

    private final DistanceProfile.Direction direction;
    private final int[] grid;
    long profiles;
    double sumLn, sumD;
    double[] mass = new double[0];
    /** Row length → number of profiles per query offset in that row (the supports). */
    final Map<Integer, int[]> supports = new TreeMap<>();
    private double[] lnTable = new double[0];
    private int lastLength = -1;
    private int[] lastCounts;

    /**
     * Empty sums.
     *
     * @param direction which keys a profile folds (past, future or both sides by |i − j|)
     * @param grid      ascending distances N ≥ 1 at which the captured mass is summed
     */
    public ProfileSums(DistanceProfile.Direction direction, int[] grid) {
        if (direction == null) throw new InvalidInputException("a profile direction is required");
        for (int g = 0; g < grid.length; g++) {
            if (grid[g] < 1 || (g > 0 && grid[g] <= grid[g - 1])) {
                throw new InvalidInputException("captured-mass distances must be ascending and >= 1");
            }
        }
        this.direction = direction;
        this.grid = grid.clone();
    }

    /** An empty accumulator with the same direction and grid. */
    public ProfileSums emptyCopy() {
        return new ProfileSums(direction, grid);
    }

    /**
     * Adds the profile of query {@code query} from an attention row restricted to the keys {@code from … to − 1}
     * (the query among them): the mass at distance d is p[query − d] + p[query + d] (the sides the direction
     * includes), renormalised over d ≥ 1 — the query itself and keys outside the range are left out. Returns false
     * (nothing added) when no key at distance ≥ 1 carries mass.
     */
    public boolean add(float[] p, int from, int to, int query) {
        return add(p, from, to, query, Double.NaN);
    }

    /**
     * {@link #add(float[], int, int, int)} given the row's total probability {@code rowMass} over the keys the query
     * sees (NaN: unknown): the profile's own total then costs a few subtractions instead of a pass over the keys.
     */
    public boolean add(float[] p, int from, int to, int query, double rowMass) {
        if (from < 0 || to > p.length || query < from || query >= to) {
            throw new InvalidInputException("query " + query + " outside the key range [" + from + ", " + to + ")");
        }
        int past = direction == DistanceProfile.Direction.FUTURE ? 0 : query - from;
        int future = direction == DistanceProfile.Direction.PAST ? 0 : to - 1 - query;
        int len = Math.max(past, future);
        if (len == 0) return false;
        double total = Double.NaN;
        if (direction == DistanceProfile.Direction.BOTH && !Double.isNaN(rowMass)) {
            total = rowMass - p[query]; // the keys outside [from, to), then the query itself
            for (int j = 0; j < from; j++) total -= p[j];
            for (int j = to; j < p.length; j++) total -= p[j];
        }
        if (!(total > 1e-6 * rowMass)) { // unknown, or too much cancelled: sum the profile's keys
            total = 0;
            for (int d = 1; d <= past; d++) total += p[query - d];
            for (int d = 1; d <= future; d++) total += p[query + d];
        }
        if (!(total > 0)) return false;
        if (mass.length < len) mass = Arrays.copyOf(mass, len);
        double[] ln = ln(len);
        double inv = 1 / total;
        // two interleaved partial sums (independent dependency chains: throughput, not latency, bounds the loops)
        double a = 0, b = 0, a1 = 0, b1 = 0;
        int both = Math.min(past, future), step = past > future ? -1 : 1, d = 1;
        for (; d + 1 <= both; d += 2) { // keys on both sides at distances d and d + 1
            double m = (p[query - d] + p[query + d]) * inv, n = (p[query - d - 1] + p[query + d + 1]) * inv;
            a += m * ln[d - 1];
            a1 += n * ln[d];
            b += m * d;
            b1 += n * (d + 1);
            mass[d - 1] += m;
            mass[d] += n;
        }
        for (; d <= both; d++) {
            double m = (p[query - d] + p[query + d]) * inv;
            a += m * ln[d - 1];
            b += m * d;
            mass[d - 1] += m;
        }
        for (; d + 1 <= len; d += 2) { // keys on one side only
            double m = p[query + step * d] * inv, n = p[query + step * (d + 1)] * inv;
            a += m * ln[d - 1];
            a1 += n * ln[d];
            b += m * d;
            b1 += n * (d + 1);
            mass[d - 1] += m;
            mass[d] += n;
        }
        for (; d <= len; d++) {
            double m = p[query + step * d] * inv;
            a += m * ln[d - 1];
            b += m * d;
            mass[d - 1] += m;
        }
        a += a1;
        b += b1;
        sumLn += a;
        sumD += b;
        profiles++;
        // the support (past, future) is a function of the row length and the query's offset in it
        if (to - from != lastLength) {
            lastLength = to - from;
            lastCounts = supports.computeIfAbsent(lastLength, k -> new int[k]);
        }
        lastCounts[query - from]++;
        return true;
    }

    /** Adds another accumulator's profiles (same direction and grid). */
    public void merge(ProfileSums o) {
        if (o.direction != direction || !Arrays.equals(o.grid, grid)) {
            throw new InvalidInputException("profile sums with different directions or grids cannot be merged");
        }
        profiles += o.profiles;
        sumLn += o.sumLn;
        sumD += o.sumD;
        if (mass.length < o.mass.length) mass = Arrays.copyOf(mass, o.mass.length);
        for (int d = 0; d < o.mass.length; d++) mass[d] += o.mass[d];
        o.supports.forEach((len, counts) -> {
            int[] mine = supports.computeIfAbsent(len, k -> new int[k]);
            for (int i = 0; i < len; i++) mine[i] += counts[i];
        });
    }

    /** Number of profiles added. */
    public long profiles() {
        return profiles;
    }

    /** The direction profiles fold. */
    public DistanceProfile.Direction direction() {
        return direction;
    }

    /**
     * The summed captured mass Σ_profiles Σ_{d ≤ N} m(d) at every grid distance N: the prefix sums of the summed
     * profile (a profile shorter than N contributes all of its mass, as it should).
     */
    double[] captured() {
        double[] out = new double[grid.length];
        double cum = 0;
        int d = 0;
        for (int g = 0; g < grid.length; g++) {
            for (; d < Math.min(grid[g], mass.length); d++) cum += mass[d];
            out[g] = cum;
        }
        return out;
    }

    /** The captured-mass distances. */
    public int[] grid() {
        return grid.clone();
    }

    /** Past keys of the profile at {@code offset} in a row of {@code length} keys. */
    int past(int length, int offset) {
        return direction == DistanceProfile.Direction.FUTURE ? 0 : offset;
    }

    /** Future keys of the profile at {@code offset} in a row of {@code length} keys. */
    int future(int length, int offset) {
        return direction == DistanceProfile.Direction.PAST ? 0 : length - 1 - offset;
    }

    private double[] ln(int n) {
        if (lnTable.length < n) {
            lnTable = new double[Math.max(n, 2 * lnTable.length)];
            for (int d = 1; d <= lnTable.length; d++) lnTable[d - 1] = Math.log(d);
        }
        return lnTable;
    }
}
