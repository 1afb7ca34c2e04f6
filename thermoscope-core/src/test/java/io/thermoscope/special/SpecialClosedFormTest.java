package io.thermoscope.special;

import io.thermoscope.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Closed forms and functional identities (independent of the mpmath table); tolerances stated per assertion. */
class SpecialClosedFormTest {
    static void close(double expected, double got, double rel, String what) {
        assertEquals(expected, got, rel * Math.abs(expected) + 1e-300, what);
    }

    @Test
    void zetaAtIntegers() {
        double pi2 = Math.PI * Math.PI;
        close(pi2 / 6, RiemannZeta.value(2), 1e-15, "ζ(2) = π²/6");
        close(pi2 * pi2 / 90, RiemannZeta.value(4), 1e-15, "ζ(4) = π⁴/90");
        close(-0.5, RiemannZeta.value(0), 1e-15, "ζ(0)");
        close(-1.0 / 12, RiemannZeta.value(-1), 1e-15, "ζ(−1)");
        assertEquals(0, RiemannZeta.value(-2), 1e-17, "ζ(−2)");
        close(1.0 / 120, RiemannZeta.value(-3), 1e-14, "ζ(−3)");
        close(-1.0 / 252, RiemannZeta.value(-5), 1e-14, "ζ(−5)");
    }

    @Test
    void polylogClosedFormsForIntegerOrders() {
        for (double z : new double[] {-4, -3.5, -2, -1, -0.6, -0.3, -0.01, 0.01, 0.3, 0.49, 0.51, 0.75, 0.9, 0.999}) {
            double lambda = -Math.log(z);
            close(-Math.log1p(-z), Polylogarithm.value(1, z), 1e-15, "Li_1 at " + z);
            close(z / (1 - z), Polylogarithm.value(0, z), 1e-14, "Li_0 at " + z);
            close(z / ((1 - z) * (1 - z)), Polylogarithm.value(-1, z), 1e-14, "Li_−1 at " + z);
            close(z * (1 + z) / Math.pow(1 - z, 3), Polylogarithm.value(-2, z), 1e-14, "Li_−2 at " + z);
            if (z > 0) {
                // z = e^−λ with λ rounded: compare against the closed form at exp(−λ) itself
                double zz = Math.exp(-lambda);
                close(zz / (1 - zz), Polylogarithm.ofExp(0, lambda), 1e-13, "Li_0(e^−λ) at λ = " + lambda);
                close(-Math.log1p(-zz), Polylogarithm.ofExp(1, lambda), 1e-14, "Li_1(e^−λ) at λ = " + lambda);
            }
        }
        double ln2 = Math.log(2), pi2 = Math.PI * Math.PI;
        close(pi2 / 12 - ln2 * ln2 / 2, Polylogarithm.value(2, 0.5), 1e-15, "Li_2(1/2)");
        close(-pi2 / 12, Polylogarithm.value(2, -1), 1e-15, "Li_2(−1) = −π²/12");
        close(-0.75 * 1.2020569031595942, Polylogarithm.value(3, -1), 1e-15, "Li_3(−1) = −(3/4) ζ(3)");
        close(1.2020569031595942, Polylogarithm.value(3, 1), 1e-15, "Li_3(1) = ζ(3)");
        close(1e-12 / Math.expm1(1e-12), Polylogarithm.ofExp(0, 1e-12) * 1e-12, 1e-13, "Li_0(e^−λ) = 1/expm1(λ) at tiny λ");
    }

    /** Li_s(z) + Li_s(−z) = 2^(1−s) Li_s(z²) (duplication): ties the negative-z and positive-z algorithms together. */
    @Property(tries = 300)
    void duplicationFormula(@ForAll @DoubleRange(min = -3, max = 15) @Scale(9) double s,
                            @ForAll @DoubleRange(min = 0.001, max = 0.999) @Scale(6) double z) {
        double lhs = Polylogarithm.value(s, z) + Polylogarithm.value(s, -z);
        double rhs = Math.pow(2, 1 - s) * Polylogarithm.value(s, z * z);
        assertEquals(rhs, lhs, 1e-13 * (Math.abs(Polylogarithm.value(s, z)) + Math.abs(rhs)), "s=" + s + " z=" + z);
    }

    /** ζ(s, a) = ζ(s, a + 1) + a^−s and ζ(s, 1/2) = (2^s − 1) ζ(s). */
    @Property(tries = 200)
    void hurwitzIdentities(@ForAll @DoubleRange(min = -3, max = 15) @Scale(9) double s,
                           @ForAll @DoubleRange(min = 0.05, max = 20) @Scale(6) double a) {
        if (Math.abs(s - 1) < 1e-3) return;
        double lhs = HurwitzZeta.value(s, a), rhs = HurwitzZeta.value(s, a + 1) + Math.pow(a, -s);
        assertEquals(rhs, lhs, 1e-13 * (Math.abs(HurwitzZeta.value(s, a + 1)) + Math.pow(a, -s)) + 1e-15, "s=" + s + " a=" + a);
        double half = (Math.pow(2, s) - 1) * RiemannZeta.value(s);
        assertEquals(half, HurwitzZeta.value(s, 0.5), 1e-13 * Math.abs(half) + 1e-15, "ζ(s, 1/2) at s=" + s);
        assertEquals(RiemannZeta.value(s), HurwitzZeta.value(s, 1), 1e-13 * Math.abs(RiemannZeta.value(s)) + 1e-15);
    }

    @Test
    void hurwitzAtNegativeIntegersIsABernoulliPolynomial() {
        for (double a : new double[] {0.1, 0.5, 1.3, 2.5, 9}) {
            close(-(a * a - a + 1.0 / 6) / 2, HurwitzZeta.value(-1, a), 1e-14, "ζ(−1, a) = −B_2(a)/2 at " + a);
            close(-(a * a * a - 1.5 * a * a + 0.5 * a) / 3, HurwitzZeta.value(-2, a), 1e-13, "ζ(−2, a) = −B_3(a)/3 at " + a);
        }
    }

    /** At s = 1 the derivative is −Σ ln k e^−λk / k; for large λ the sum is short enough to do here directly. */
    @Test
    void derivativesAgreeWithTheirDefiningSeriesForLargeLambda() {
        for (double s : new double[] {-2.5, 0, 1, 2.5, 7}) {
            double lambda = 4, v = 0, d1 = 0, d2 = 0;
            for (int k = 400; k >= 1; k--) {
                double t = Math.exp(-lambda * k) * Math.pow(k, -s), l = Math.log(k);
                v += t;
                d1 -= l * t;
                d2 += l * l * t;
            }
            Polylogarithm.Derivatives d = Polylogarithm.ofExpDerivatives(s, lambda);
            close(v, d.value(), 1e-14, "value s=" + s);
            close(d1, d.d1(), 1e-14, "d1 s=" + s);
            close(d2, d.d2(), 1e-14, "d2 s=" + s);
        }
    }

    @Test
    void badInputThrowsInvalidInput() {
        assertThrows(InvalidInputException.class, () -> RiemannZeta.value(1));
        assertThrows(InvalidInputException.class, () -> RiemannZeta.value(Double.NaN));
        assertThrows(InvalidInputException.class, () -> HurwitzZeta.value(2, 0));
        assertThrows(InvalidInputException.class, () -> HurwitzZeta.value(1, 2));
        assertThrows(InvalidInputException.class, () -> Polylogarithm.value(2, 1.0000001));
        assertThrows(InvalidInputException.class, () -> Polylogarithm.value(1, 1));
        assertThrows(InvalidInputException.class, () -> Polylogarithm.value(Double.NaN, 0.5));
        assertThrows(InvalidInputException.class, () -> Polylogarithm.value(2, Double.NaN));
        assertThrows(InvalidInputException.class, () -> Polylogarithm.ofExp(2, -1e-3));
        assertThrows(InvalidInputException.class, () -> Polylogarithm.ofExp(0.5, 0));
        assertThrows(InvalidInputException.class, () -> Polylogarithm.ofExpDerivatives(1, 0));
        assertEquals(0, Polylogarithm.ofExp(3, Double.POSITIVE_INFINITY));
        close(1.2020569031595942, Polylogarithm.ofExp(3, 0), 1e-15, "Li_3(e^0) = ζ(3)");
    }
}
