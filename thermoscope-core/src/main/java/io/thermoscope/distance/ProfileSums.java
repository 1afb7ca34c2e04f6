package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sufficient statistics of many distance profiles — typically every query of one head on one document, one
 * cluster of a cluster bootstrap — for the decay law d^−γ e^−λd (polylog chapter §22.4): the number of profiles,
 * the sums of their observed means of ln d and d (all the likelihood needs besides the supports), how many profiles
 * share each support, the summed mass at each distance (the mean profile), and the summed captured mass
 * Σ_{d ≤ N} m(d) at the distances N of a grid (the KV-window mass of §22.6). Profiles are built straight from
 * attention rows, nothing is kept per query; memory is O(sequence length).
 */
public final class ProfileSums {

    private final DistanceProfile.Direction direction;
    private final int[] grid;
    long profiles;
    double sumLn, sumD;
    final double[] captured;
    double[] mass = new double[0];
    /** Row length → number of profiles per query offset in that row (the supports). */
    final Map<Integer, int[]> supports = new TreeMap<>();
    private double[] lnTable = new double[0];

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
        this.captured = new double[grid.length];
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
        // distances in segments between captured-mass grid points; in each, one simple loop per side pattern
        double a = 0, b = 0, cum = 0;
        int both = Math.min(past, future), step = past > future ? -1 : 1, d = 1, g = 0;
        for (; g < grid.length && d <= len; g++) {
            int end = Math.min(grid[g], len);
            double seg = 0;
            for (int e1 = Math.min(end, both); d <= e1; d++) { // keys on both sides at distance d
                double m = (p[query - d] + p[query + d]) * inv;
                seg += m;
                a += m * ln[d - 1];
                b += m * d;
                mass[d - 1] += m;
            }
            for (; d <= end; d++) { // keys on one side only
                double m = p[query + step * d] * inv;
                seg += m;
                a += m * ln[d - 1];
                b += m * d;
                mass[d - 1] += m;
            }
            cum += seg;
            captured[g] += cum;
        }
        for (; d <= len; d++) { // beyond the grid
            double m = (d <= both ? p[query - d] + p[query + d] : p[query + step * d]) * inv;
            cum += m;
            a += m * ln[d - 1];
            b += m * d;
            mass[d - 1] += m;
        }
        for (; g < grid.length; g++) captured[g] += cum; // N beyond the support: all of it captured
        sumLn += a;
        sumD += b;
        profiles++;
        // the support (past, future) is a function of the row length and the query's offset in it
        supports.computeIfAbsent(to - from, k -> new int[k])[query - from]++;
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
        for (int g = 0; g < grid.length; g++) captured[g] += o.captured[g];
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
