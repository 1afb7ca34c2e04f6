package io.thermoscope.langevin;

/**
 * A fast, seedable stream of standard normal deviates: xoshiro256++ (Blackman &amp; Vigna) for the uniform bits
 * and Doornik's 128-block ziggurat (ZIGNOR, 2005) for the normal transform; about 99% of the draws cost one
 * 64-bit output, one table look-up and one multiply. Not thread-safe: one stream per chunk of walkers.
 */
public final class GaussianStream {
    private static final int BLOCKS = 128;
    private static final double R = 3.442619855899;          // start of the tail (ZIGNOR, 128 blocks)
    private static final double AREA = 9.91256303526217e-3;   // area of each block
    private static final double[] X = new double[BLOCKS + 1];
    private static final double[] RATIO = new double[BLOCKS];

    static {
        double f = Math.exp(-0.5 * R * R);
        X[0] = AREA / f;
        X[1] = R;
        X[BLOCKS] = 0;
        for (int i = 2; i < BLOCKS; i++) {
            X[i] = Math.sqrt(-2 * Math.log(AREA / X[i - 1] + f));
            f = Math.exp(-0.5 * X[i] * X[i]);
        }
        for (int i = 0; i < BLOCKS; i++) {
            RATIO[i] = X[i + 1] / X[i];
        }
    }

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A stream for (seed, stream index): the state is four SplitMix64 outputs of a mix of both. */
    public GaussianStream(long seed, long stream) {
        long z = mix64(seed ^ mix64(stream + 0x632BE59BD9B4E019L));
        s0 = mix64(z += 0x9E3779B97F4A7C15L);
        s1 = mix64(z += 0x9E3779B97F4A7C15L);
        s2 = mix64(z += 0x9E3779B97F4A7C15L);
        s3 = mix64(z + 0x9E3779B97F4A7C15L);
        if ((s0 | s1 | s2 | s3) == 0) {
            s0 = 1;
        }
    }

    /** SplitMix64's finaliser (Stafford variant 13): a bijective 64-bit mix. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 uniform bits (xoshiro256++). */
    public long nextLong() {
        long result = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform deviate in (0, 1], never 0 (safe for logarithms). */
    public double nextOpenUniform() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    /** One standard normal deviate. */
    public double nextGaussian() {
        long bits = nextLong();
        int i = (int) (bits & (BLOCKS - 1));
        double u = ((bits >>> 11) * 0x1.0p-52) - 1.0; // uniform on [-1, 1), from bits independent of i
        if (Math.abs(u) < RATIO[i]) {
            return u * X[i];
        }
        return slowGaussian(i, u);
    }

    /** Fills {@code out[from, to)} with standard normal deviates. */
    public void fill(double[] out, int from, int to) {
        long a = s0;
        long b = s1;
        long c = s2;
        long d = s3;
        final double[] x = X;
        final double[] ratio = RATIO;
        for (int k = from; k < to; k++) {
            long bits = Long.rotateLeft(a + d, 23) + a;
            long t = b << 17;
            c ^= a;
            d ^= b;
            b ^= c;
            a ^= d;
            c ^= t;
            d = Long.rotateLeft(d, 45);
            int i = (int) (bits & (BLOCKS - 1));
            double u = ((bits >>> 11) * 0x1.0p-52) - 1.0;
            if (Math.abs(u) < ratio[i]) {
                out[k] = u * x[i];
            } else {
                s0 = a;
                s1 = b;
                s2 = c;
                s3 = d;
                out[k] = slowGaussian(i, u);
                a = s0;
                b = s1;
                c = s2;
                d = s3;
            }
        }
        s0 = a;
        s1 = b;
        s2 = c;
        s3 = d;
    }

    /** The rare part of the ziggurat: the wedge rejection test, retrying, and the tail beyond R. */
    private double slowGaussian(int i, double u) {
        for (;;) {
            if (Math.abs(u) < RATIO[i]) {
                return u * X[i];
            }
            if (i == 0) {
                // Marsaglia's tail method beyond R
                double xt;
                double y;
                do {
                    xt = Math.log(nextOpenUniform()) / R;
                    y = Math.log(nextOpenUniform());
                } while (-2 * y < xt * xt);
                return u < 0 ? xt - R : R - xt;
            }
            double x = u * X[i];
            double f0 = Math.exp(-0.5 * (X[i] * X[i] - x * x));
            double f1 = Math.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
            if (f1 + ((nextLong() >>> 11) * 0x1.0p-53) * (f0 - f1) < 1.0) {
                return x;
            }
            long bits = nextLong();
            i = (int) (bits & (BLOCKS - 1));
            u = ((bits >>> 11) * 0x1.0p-52) - 1.0;
        }
    }
}
