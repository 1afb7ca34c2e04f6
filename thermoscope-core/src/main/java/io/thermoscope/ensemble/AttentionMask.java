package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;

/**
 * Which keys each query may attend to. Query i of n_q is taken to sit at position n_k − n_q + i, so a causal
 * mask lets it see keys 0 … n_k − n_q + i (the usual decoder layout; with n_q = n_k this is j ≤ i).
 */
public sealed interface AttentionMask {

    /** Whether query {@code i} (of {@code nq}) sees key {@code j} (of {@code nk}). */
    boolean visible(int i, int j, int nq, int nk);

    /** Every query sees every key (encoder attention). */
    record Full() implements AttentionMask {
        @Override
        public boolean visible(int i, int j, int nq, int nk) {
            return true;
        }
    }

    /** Query i sees keys up to its own position (decoder attention). */
    record Causal() implements AttentionMask {
        @Override
        public boolean visible(int i, int j, int nq, int nk) {
            return j <= nk - nq + i;
        }
    }

    /**
     * An explicit [n_q × n_k] mask: entry &gt; 0.5 means visible.
     *
     * @param allowed the mask rows
     */
    record Explicit(boolean[][] allowed) implements AttentionMask {
        @Override
        public boolean visible(int i, int j, int nq, int nk) {
            return allowed[i][j];
        }

        /** Builds an explicit mask from 0/1 numbers; rejects any other value. */
        public static Explicit fromNumbers(double[][] m) {
            boolean[][] a = new boolean[m.length][];
            for (int i = 0; i < m.length; i++) {
                a[i] = new boolean[m[i].length];
                for (int j = 0; j < m[i].length; j++) {
                    double v = m[i][j];
                    if (v != 0 && v != 1) {
                        throw new InvalidInputException("mask entries must be 0 or 1, got " + v + " at [" + i + "," + j + "]");
                    }
                    a[i][j] = v == 1;
                }
            }
            return new Explicit(a);
        }
    }
}
