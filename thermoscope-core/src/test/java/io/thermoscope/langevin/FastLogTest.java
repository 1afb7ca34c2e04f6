package io.thermoscope.langevin;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** FastLog against Math.log (correctly rounded within 1 ulp): absolute error ≤ 4e-16 + 2 ulp of the result. */
class FastLogTest {

    @Test
    void agreesWithMathLogOverTheNormalRange() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 2_000_000; i++) {
            double x = switch (i % 3) {
                case 0 -> Math.exp(rnd.nextDouble(-708, 709));   // whole normal range
                case 1 -> 1 + rnd.nextDouble(-0.01, 0.01);         // near 1, where ln x ≈ 0
                default -> rnd.nextDouble(1e-6, 50);               // the range the simulator sees
            };
            double want = Math.log(x);
            assertEquals(want, FastLog.log(x), 4e-16 + 2 * Math.ulp(want), () -> "x = " + x);
        }
        assertEquals(0.0, FastLog.log(1.0), 1e-16);
        assertEquals(Math.log(Double.MIN_NORMAL), FastLog.log(Double.MIN_NORMAL), 1e-13);
        assertEquals(Math.log(Double.MAX_VALUE), FastLog.log(Double.MAX_VALUE), 1e-13);
    }
}
