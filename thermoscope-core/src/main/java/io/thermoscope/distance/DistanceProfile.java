package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The attention mass of one query against token distance d = 1 … L (distance 0, the query attending to itself, is
 * excluded: the decay law d^−γ is undefined there). Each distance d is represented by
 * {@code multiplicity(d) = [d ≤ past] + [d ≤ future]} keys: 1 on a causal (past-only) row, up to 2 when both
 * sides of a bidirectional encoder are folded together.
 *
 * @param mass   mass[d − 1] = attention mass on keys at distance d, renormalised to sum to 1 over d ≥ 1
 * @param past   number of keys before the query (distances 1 … past exist on the left)
 * @param future number of keys after the query (distances 1 … future exist on the right)
 */
public record DistanceProfile(double[] mass, int past, int future) {

    /** Which keys count: those before the query (causal), after it, or both sides folded by |i − j|. */
    public enum Direction { PAST, FUTURE, BOTH }

    /** Validates the profile. */
    public DistanceProfile {
        if (past < 0 || future < 0) throw new InvalidInputException("negative key count in a distance profile");
        if (mass.length != Math.max(past, future)) {
            throw new InvalidInputException("distance profile length " + mass.length + " != max(past, future) = "
                    + Math.max(past, future));
        }
    }

    /** Largest distance present. */
    public int length() {
        return mass.length;
    }

    /** Number of keys at distance d (0, 1 or 2). */
    public int multiplicity(int d) {
        return (d <= past ? 1 : 0) + (d <= future ? 1 : 0);
    }

    /**
     * The profile of query {@code position} from one attention row (probabilities over keys 0 … k−1), folding keys
     * by distance |position − key| according to {@code direction}. Returns null when no key at distance ≥ 1 carries
     * positive mass (nothing to fit).
     */
    public static DistanceProfile fromRow(double[] row, int position, Direction direction) {
        int k = row.length;
        if (position < 0 || position >= k) {
            throw new InvalidInputException("query position " + position + " outside 0.." + (k - 1));
        }
        int past = direction == Direction.FUTURE ? 0 : position;
        int future = direction == Direction.PAST ? 0 : k - 1 - position;
        int len = Math.max(past, future);
        if (len == 0) return null;
        double[] m = new double[len];
        double total = 0;
        for (int d = 1; d <= len; d++) {
            double v = 0;
            if (d <= past) v += checked(row[position - d], position - d);
            if (d <= future) v += checked(row[position + d], position + d);
            m[d - 1] = v;
            total += v;
        }
        if (!(total > 0)) return null;
        for (int d = 0; d < len; d++) m[d] /= total;
        return new DistanceProfile(m, past, future);
    }

    private static double checked(double p, int key) {
        if (!Double.isFinite(p) || p < 0) {
            throw new InvalidInputException("attention probability at key " + key + " is " + p
                    + " (must be finite and >= 0)");
        }
        return p;
    }

    /** Which queries of an attention matrix to use. */
    public enum Queries { LAST, ALL }

    /**
     * Profiles of an attention matrix [q][k] (queries are taken to be the last q positions of the k keys, so a
     * square matrix has query i at position i).
     */
    public static List<DistanceProfile> fromMatrix(double[][] attention, Queries queries, Direction direction) {
        int q = attention.length;
        if (q == 0) throw new InvalidInputException("attention matrix has no queries");
        int k = attention[0].length;
        if (q > k) throw new InvalidInputException("attention has more queries (" + q + ") than keys (" + k + ")");
        List<DistanceProfile> out = new ArrayList<>();
        int first = queries == Queries.LAST ? q - 1 : 0;
        for (int i = first; i < q; i++) {
            if (attention[i].length != k) throw new InvalidInputException("ragged attention matrix at query " + i);
            DistanceProfile p = fromRow(attention[i], k - q + i, direction);
            if (p != null) out.add(p);
        }
        return out;
    }
}
