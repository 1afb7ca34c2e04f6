package io.thermoscope.train;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The data of one run: sequences x₁ … x_k = with answer (x₁ + … + x_k) mod p, split at random (seeded) into
 * train and validation, plus a fixed seeded probe set for the monitor. With {@link GrokConfig.Task#examples()}
 * = 0 every one of the p^k sequences is used (k = 2: all p² pairs, the paper's task); otherwise that many distinct
 * sequences are drawn uniformly from the p^k.
 *
 * @param task    the task
 * @param tokens  every example's tokens, row-major [examples × (k + 1)], the last token of each row is "=" (p)
 * @param answers every example's answer
 * @param train   example indices of the training set (sorted)
 * @param val     example indices of the validation set (sorted)
 * @param probe   example indices of the monitor's probe set (sorted; drawn from all examples)
 */
public record ModularSum(GrokConfig.Task task, int[] tokens, int[] answers, int[] train, int[] val, int[] probe) {

    /**
     * The seeded random streams of a run: the split (and sample) stream, the probe stream, the initialisation
     * stream, and the seed of the minibatch order. A pure function of the seed, so a checkpoint's step is its
     * complete random state.
     */
    public record Streams(SplittableRandom split, SplittableRandom probe, SplittableRandom init, long batchSeed) {
        /** The streams of {@code seed}. */
        public static Streams of(long seed) {
            SplittableRandom root = new SplittableRandom(seed);
            SplittableRandom split = root.split(), probe = root.split(), init = root.split();
            return new Streams(split, probe, init, root.nextLong());
        }
    }

    /** The data of {@code cfg}'s task and seed. */
    public static ModularSum of(GrokConfig cfg) {
        return of(cfg.task(), cfg.monitor().probeSize(), Streams.of(cfg.seed()));
    }

    /** The data of {@code task} drawn from {@code streams} (its split and probe streams are consumed). */
    public static ModularSum of(GrokConfig.Task task, int probeSize, Streams streams) {
        int p = task.p(), k = task.operands(), len = task.sequenceLength(), n = task.exampleCount();
        int[] tokens = new int[n * len], answers = new int[n];
        if (task.examples() == 0) {
            for (int e = 0; e < n; e++) { // example e is the base-p number x₁x₂…x_k (x₁ most significant)
                int rest = e, sum = 0;
                for (int j = k - 1; j >= 0; j--) {
                    int x = rest % p;
                    rest /= p;
                    tokens[e * len + j] = x;
                    sum += x;
                }
                tokens[e * len + k] = p;
                answers[e] = sum % p;
            }
        } else {
            Set<Sequence> seen = new HashSet<>();
            int e = 0;
            while (e < n) {
                int[] x = new int[k];
                for (int j = 0; j < k; j++) x[j] = streams.split().nextInt(p);
                if (!seen.add(new Sequence(x))) continue;
                int sum = 0;
                for (int j = 0; j < k; j++) {
                    tokens[e * len + j] = x[j];
                    sum += x[j];
                }
                tokens[e * len + k] = p;
                answers[e] = sum % p;
                e++;
            }
        }
        int[] all = permutation(n, streams.split());
        int nTrain = task.trainSize();
        int[] train = Arrays.copyOfRange(all, 0, nTrain), val = Arrays.copyOfRange(all, nTrain, n);
        Arrays.sort(train);
        Arrays.sort(val);
        int[] probe = Arrays.copyOf(permutation(n, streams.probe()), Math.min(probeSize, n));
        Arrays.sort(probe);
        return new ModularSum(task, tokens, answers, train, val, probe);
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

    /** Sequence length k + 1. */
    public int sequenceLength() {
        return task.sequenceLength();
    }

    /** Token ids of the given examples, [n × (k + 1)] row-major, each plus {@code offset}. */
    public long[] tokenIds(int[] idx, long offset) {
        int len = sequenceLength();
        long[] out = new long[idx.length * len];
        for (int i = 0; i < idx.length; i++) {
            for (int s = 0; s < len; s++) out[i * len + s] = tokens[idx[i] * len + s] + offset;
        }
        return out;
    }

    /** Answers of the given examples. */
    public int[] answers(int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = answers[idx[i]];
        return out;
    }

    /** A sampled sequence as a set element. */
    private record Sequence(int[] x) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Sequence s && Arrays.equals(x, s.x);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(x);
        }
    }
}
