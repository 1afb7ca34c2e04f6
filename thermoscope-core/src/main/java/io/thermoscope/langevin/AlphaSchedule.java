package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;

import java.util.Arrays;

/** The control parameter α(t) of Eq. 38 as a function of simulated time. */
public sealed interface AlphaSchedule
        permits AlphaSchedule.Linear, AlphaSchedule.Constant, AlphaSchedule.Quench, AlphaSchedule.Staircase {

    /** α at time t ≥ 0. */
    double alpha(double t);

    /** Linear sweep from {@code from} at t = 0 to {@code to} at t = {@code duration}, constant afterwards. */
    record Linear(double from, double to, double duration) implements AlphaSchedule {
        /** Validates finite ends and a positive duration. */
        public Linear {
            InvalidInputException.requireFinite("alpha start", from);
            InvalidInputException.requireFinite("alpha end", to);
            InvalidInputException.requirePositive("sweep duration", duration);
        }

        @Override
        public double alpha(double t) {
            double f = Math.min(Math.max(t / duration, 0), 1);
            return from + (to - from) * f;
        }
    }

    /** Constant α. */
    record Constant(double value) implements AlphaSchedule {
        /** Validates a finite value. */
        public Constant {
            InvalidInputException.requireFinite("alpha", value);
        }

        @Override
        public double alpha(double t) {
            return value;
        }
    }

    /** A sudden quench: α = {@code before} for t &lt; {@code at}, {@code after} from then on. */
    record Quench(double before, double after, double at) implements AlphaSchedule {
        /** Validates finite values and a non-negative quench time. */
        public Quench {
            InvalidInputException.requireFinite("alpha before the quench", before);
            InvalidInputException.requireFinite("alpha after the quench", after);
            InvalidInputException.requireFinite("quench time", at);
            if (at < 0) {
                throw new InvalidInputException("quench time must be >= 0, got " + at);
            }
        }

        @Override
        public double alpha(double t) {
            return t < at ? before : after;
        }
    }

    /**
     * Piecewise constant: α = levels[k] for k·hold ≤ t &lt; (k+1)·hold (the last level holds on). A tolerance of
     * 1e-9·hold absorbs the rounding of t = n·dt at the level boundaries.
     */
    record Staircase(double[] levels, double hold) implements AlphaSchedule {
        /** Validates at least one finite level and a positive hold time; copies the levels. */
        public Staircase {
            if (levels == null || levels.length == 0) {
                throw new InvalidInputException("a staircase schedule needs at least one alpha level");
            }
            levels = InvalidInputException.requireAllFinite("alpha levels", levels.clone());
            InvalidInputException.requirePositive("hold time", hold);
        }

        /** Index of the level active at time t. */
        public int level(double t) {
            int k = (int) Math.floor(t / hold + 1e-9);
            return Math.min(Math.max(k, 0), levels.length - 1);
        }

        @Override
        public double alpha(double t) {
            return levels[level(t)];
        }

        @Override
        public double[] levels() {
            return levels.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Staircase s && s.hold == hold && Arrays.equals(s.levels, levels);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(levels) + Double.hashCode(hold);
        }

        @Override
        public String toString() {
            return "Staircase[levels=" + Arrays.toString(levels) + ", hold=" + hold + "]";
        }
    }
}
