package io.thermoscope.attention;

/**
 * Which keys a query sees, as detected from a pass's probabilities (never assumed from the architecture's name):
 * every key (a bidirectional encoder) or the keys up to and including itself (a causal decoder).
 */
public enum Masking {
    /** Every query attends to every key. */
    BIDIRECTIONAL,
    /** Query i attends to keys 0 … i only. */
    CAUSAL;

    /** Largest attention mass a query may put on later keys for the pass to count as causal. */
    static final double CAUSAL_LEAK = 1e-6;

    /** The keys query {@code i} of an n-token pass can see end before this index. */
    public int keysEnd(int i, int n) {
        return this == CAUSAL ? i + 1 : n;
    }

    /**
     * Detects the masking from the first layer: causal when no query of any head puts more than 1e-6 of its
     * attention on later keys, bidirectional otherwise.
     */
    public static Masking detect(AttentionPass pass) {
        int n = pass.tokens();
        float[] p = new float[n];
        for (int h = 0; h < pass.heads(); h++) {
            for (int i = 0; i < n - 1; i++) {
                pass.probabilities(0, h, i, p);
                double later = 0;
                for (int j = i + 1; j < n; j++) later += p[j];
                if (later > CAUSAL_LEAK) return BIDIRECTIONAL;
            }
        }
        return CAUSAL;
    }
}
