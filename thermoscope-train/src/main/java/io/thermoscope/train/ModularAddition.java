package io.thermoscope.train;

import java.util.SplittableRandom;

/**
 * The task: all p² pairs (a, b) → (a + b) mod p as token sequences {@code a b =} (vocabulary p + 1, "=" is
 * token p), split at random (seeded) into train and validation, plus a fixed seeded probe set for the monitor.
 *
 * @param p       modulus
 * @param train   indices (a·p + b) of the training pairs
 * @param val     indices of the validation pairs
 * @param probe   indices of the probe pairs (drawn from all p² pairs, without replacement)
 */
public record ModularAddition(int p, int[] train, int[] val, int[] probe) {

    /** Sequence length of every example: a, b, =. */
    public static final int SEQ = 3;

    /** The split of {@code cfg}: a seeded Fisher–Yates shuffle of the p² pairs, the first N_train for training. */
    public static ModularAddition of(GrokConfig cfg) {
        int p = cfg.p(), n = p * p;
        SplittableRandom root = new SplittableRandom(cfg.seed());
        int[] all = permutation(n, root.split());
        int nTrain = cfg.trainSize();
        int[] train = new int[nTrain], val = new int[n - nTrain];
        System.arraycopy(all, 0, train, 0, nTrain);
        System.arraycopy(all, nTrain, val, 0, n - nTrain);
        java.util.Arrays.sort(train);
        java.util.Arrays.sort(val);
        int[] probeAll = permutation(n, root.split());
        int[] probe = java.util.Arrays.copyOf(probeAll, Math.min(cfg.probeSize(), n));
        java.util.Arrays.sort(probe);
        return new ModularAddition(p, train, val, probe);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** Tokens of pair index {@code idx}: {a, b, p}. */
    public int[] tokens(int idx) {
        return new int[] {idx / p, idx % p, p};
    }

    /** The answer (a + b) mod p of pair index {@code idx}. */
    public int answer(int idx) {
        return (idx / p + idx % p) % p;
    }

    /** Token ids of the given pairs, [n × 3] row-major. */
    public long[] tokenIds(int[] idx) {
        long[] out = new long[idx.length * SEQ];
        for (int i = 0; i < idx.length; i++) {
            int[] t = tokens(idx[i]);
            for (int s = 0; s < SEQ; s++) out[i * SEQ + s] = t[s];
        }
        return out;
    }

    /** Answers of the given pairs as int64 ids, [n]. */
    public long[] answerIds(int[] idx) {
        long[] out = new long[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = answer(idx[i]);
        return out;
    }

    /** Answers of the given pairs. */
    public int[] answers(int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = answer(idx[i]);
        return out;
    }
}
