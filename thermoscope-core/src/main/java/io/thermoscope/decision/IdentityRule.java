package io.thermoscope.decision;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A mathematical identity checked numerically: verified when the residual is at most {@code tolerance}, violated
 * (does not hold) above it or when it is not a number. The verdict {@link Verdict#IDENTITY_VERIFIED} is counted
 * apart from empirical verdicts: on correct code it cannot fail, and {@code why} says why in one sentence.
 *
 * @param quantity  the residual, as the report names it
 * @param tolerance the largest residual accepted (the arithmetic's precision, stated)
 * @param why       one sentence on why the identity cannot fail on correct code
 */
public record IdentityRule(String quantity, double tolerance, String why) implements Rule<Double> {

    /** Validates the constants. */
    public IdentityRule {
        Objects.requireNonNull(quantity, "quantity");
        if (why == null || why.isBlank()) throw new IllegalArgumentException("an identity rule says why it cannot fail");
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) throw new IllegalArgumentException("tolerance must be finite and > 0");
    }

    @Override
    public String text() {
        return "identity: verified if " + quantity + " ≤ " + Numbers.constant(tolerance) + ", violated above; it "
                + "cannot fail on correct code — " + why;
    }

    @Override
    public Set<Verdict> outcomes() {
        return EnumSet.of(Verdict.IDENTITY_VERIFIED, Verdict.DOES_NOT_HOLD);
    }

    @Override
    public Decision decide(Double residual) {
        double r = residual == null ? Double.NaN : residual;
        if (r <= tolerance) {
            return Decision.of(Verdict.IDENTITY_VERIFIED, quantity + " = " + Numbers.format(r) + " ≤ " + Numbers.constant(tolerance));
        }
        return Decision.of(Verdict.DOES_NOT_HOLD, quantity + " = " + Numbers.format(r) + (Double.isNaN(r) ? " is not a number"
                : " > " + Numbers.constant(tolerance)) + ": the identity is violated (a defect in the measurement)");
    }
}
