package io.thermoscope.train.lm;

/** A map from non-zero long keys to int counts with open addressing (linear probing); no removal. */
final class LongCounts {
    private long[] keys;
    private int[] values;
    private int size;

    LongCounts(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
    }

    /** Adds {@code delta} to the count of {@code key} (≠ 0). */
    void add(long key, int delta) {
        int i = slot(key);
        if (keys[i] == 0) {
            keys[i] = key;
            if (++size * 2 > keys.length) {
                values[i] += delta;
                grow();
                return;
            }
        }
        values[i] += delta;
    }

    /** The count of {@code key}, 0 when absent. */
    int get(long key) {
        int i = slot(key);
        return keys[i] == 0 ? 0 : values[i];
    }

    /** Number of keys. */
    int size() {
        return size;
    }

    /** Calls {@code visitor} with every (key, count). */
    void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) if (keys[i] != 0) visitor.visit(keys[i], values[i]);
    }

    /** Receives entries. */
    interface Visitor {
        void visit(long key, int count);
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != 0 && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        for (int i = 0; i < k.length; i++) {
            if (k[i] != 0) {
                int s = slot(k[i]);
                keys[s] = k[i];
                values[s] = v[i];
            }
        }
    }
}
