package io.thermoscope.reproduce;

import io.thermoscope.decision.Decision;
import io.thermoscope.decision.Numbers;
import io.thermoscope.decision.Rule;
import io.thermoscope.decision.Verdict;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An asymptotic statement tested on exact values over a grid of N: "the remainder of the approximation is
 * O(1/(ln N)^order)", read as (ln N)^order·|remainder| ≤ {@code bound} at every N of the grid. It holds when the bound is
 * met everywhere; it does not hold when the bound is exceeded at the largest N (where the approximation should be
 * best); it is inconclusive when only smaller N exceed it (not yet asymptotic there), when a remainder is not finite, or
 * when the grid has fewer than {@code minPoints} values of N.
 *
 * @param quantity  the remainder, as the report names it
 * @param order     the claimed order p of the remainder, O(1/(ln N)^p)
 * @param bound     the largest accepted (ln N)^p·|remainder|
 * @param minPoints fewest values of N the rule accepts
 */
public record RemainderRule(String quantity, int order, double bound, int minPoints) implements Rule<List<RemainderRule.Point>> {

    /** Validates the constants. */
    public RemainderRule {
        Objects.requireNonNull(quantity, "quantity");
        if (order < 0) throw new IllegalArgumentException("order must be >= 0");
        if (!(bound > 0) || !Double.isFinite(bound)) throw new IllegalArgumentException("bound must be finite and > 0");
        if (minPoints < 2) throw new IllegalArgumentException("minPoints must be >= 2");
    }

    /**
     * The remainder at one N.
     *
     * @param n         the largest distance N (≥ 2)
     * @param remainder exact value minus the approximation
     */
    public record Point(long n, double remainder) {
        /** (ln N)^order·|remainder|. */
        public double scaled(int order) {
            return Math.pow(Math.log((double) n), order) * Math.abs(remainder);
        }
    }

    @Override
    public String text() {
        String scale = order == 0 ? "" : order == 1 ? "ln N × " : "(ln N)^" + order + " × ";
        String big = order == 0 ? "O(1)" : order == 1 ? "O(1/ln N)" : "O(1/(ln N)^" + order + ")";
        return "with r(N) = " + quantity + ": holds if " + scale + "|r(N)| ≤ " + Numbers.constant(bound) + " at every N of the "
                + "grid (a remainder " + big + "); does not hold if it exceeds " + Numbers.constant(bound) + " at the largest N; "
                + "inconclusive if only smaller N exceed it, a value is not finite, or the grid has fewer than " + minPoints
                + " values of N";
    }

    @Override
    public Set<Verdict> outcomes() {
        return EnumSet.of(Verdict.HOLDS, Verdict.DOES_NOT_HOLD, Verdict.INCONCLUSIVE);
    }

    @Override
    public Decision decide(List<Point> points) {
        if (points.size() < minPoints) {
            return Decision.inconclusive("the grid has " + points.size() + " values of N, fewer than " + minPoints,
                    new Decision.Shortfall(points.size(), minPoints, "values of N"));
        }
        for (Point p : points) {
            if (!Double.isFinite(p.remainder())) return Decision.of(Verdict.INCONCLUSIVE, quantity + " is not finite at N = " + p.n());
        }
        Point largest = points.stream().max(Comparator.comparingLong(Point::n)).orElseThrow();
        Point worst = points.stream().max(Comparator.comparingDouble(p -> p.scaled(order))).orElseThrow();
        String b = Numbers.constant(bound);
        String at = " (N = " + Numbers.format(worst.n()) + ")";
        if (largest.scaled(order) > bound) {
            return Decision.of(Verdict.DOES_NOT_HOLD, "the scaled remainder is " + Numbers.format(largest.scaled(order))
                    + " > " + b + " at the largest N = " + Numbers.format(largest.n()));
        }
        if (worst.scaled(order) > bound) {
            return Decision.of(Verdict.INCONCLUSIVE, "the scaled remainder is within " + b + " at the largest N ("
                    + Numbers.format(largest.scaled(order)) + ") but reaches " + Numbers.format(worst.scaled(order)) + at);
        }
        return Decision.of(Verdict.HOLDS, "the scaled remainder stays ≤ " + Numbers.format(worst.scaled(order)) + at + " ≤ " + b
                + " over " + points.size() + " values of N up to " + Numbers.format(largest.n()));
    }
}
