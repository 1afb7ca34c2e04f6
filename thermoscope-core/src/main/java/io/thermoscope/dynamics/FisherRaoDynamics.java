package io.thermoscope.dynamics;

import io.thermoscope.InvalidInputException;
import io.thermoscope.ensemble.BoltzmannEnsemble;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.ODEStepEndHandler;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

import java.util.Arrays;

/**
 * The Euler–Lagrange motion of an attention state ρ on the probability simplex (Kim 2026, Eqs. 10–18), integrated
 * on the Fisher–Rao sphere x = 2√ρ (Eq. 3) with Hipparchus' adaptive Dormand–Prince 8(5,3) integrator.
 *
 * <h2>Derivation</h2>
 * <ol>
 * <li><b>Coordinates.</b> ρ_i = x_i²/4, so ρ̇_i = x_i ẋ_i/2 and ρ̇_i²/ρ_i = ẋ_i². The kinetic term (Eq. 11) becomes
 *     K = (m/2) Σ ρ̇_i²/ρ_i = (m/2) Σ ẋ_i² — a free particle of mass m in flat ℝ^N (Eqs. 5–6).</li>
 * <li><b>Potential.</b> F(x) = Σ ρ_i E_i + T Σ ρ_i ln ρ_i with ρ = x²/4 (Eq. 12). Its gradient is
 *     g_i = ∂F/∂x_i = (∂F/∂ρ_i)(∂ρ_i/∂x_i) = (x_i/2)·[E_i + T(ln ρ_i + 1)].</li>
 * <li><b>Constraint.</b> Σρ = 1 ⇔ C(x) = Σ x_i² − 4 = 0 (Eq. 4, the sphere of radius 2). With a multiplier the
 *     Lagrangian L = (m/2)|ẋ|² − F(x) + (μ/2)C(x) gives, adding an optional Rayleigh damping −γẋ,
 *     <pre>  m ẍ = −g − γ ẋ + μ x.</pre>
 *     μ is fixed by the second derivative of the constraint: d²C/dt² = 2(x·ẍ + |ẋ|²) = 0, hence
 *     <pre>  μ = (x·g + γ x·ẋ − m |ẋ|²) / |x|²,</pre>
 *     which keeps C̈ = 0 even when round-off has left x·ẋ ≠ 0 or |x| ≠ 2 (on the exact sphere x·ẋ = 0, so the
 *     damping is automatically tangential and μ = (x·g − m|ẋ|²)/4).</li>
 * <li><b>Equivalence with Eq. 18.</b> With ẋ_i = ρ̇_i/√ρ_i and ẍ_i = ρ̈_i/√ρ_i − ρ̇_i²/(2ρ_i^{3/2}), dividing the
 *     i-th equation (γ = 0) by x_i/2 = √ρ_i gives m(ρ̈_i/ρ_i − ½ρ̇_i²/ρ_i²) + E_i + T ln ρ_i = 2μ − T ≡ Λ, which
 *     is exactly Eq. 18. Its stationary point (ẋ = ẍ = 0) is E_i + T ln ρ_i = Λ, i.e. ρ = softmax(−E/T)
 *     (Eqs. 19–22).</li>
 * <li><b>Conserved energy.</b> H = (m/2)|ẋ|² + F. Along the motion dH/dt = ẋ·(−g − γẋ + μx) + g·ẋ = −γ|ẋ|²
 *     (x·ẋ = 0), so H is conserved for γ = 0 and decreases monotonically for γ &gt; 0.</li>
 * <li><b>Small oscillations.</b> On the simplex F = T·KL(ρ‖p) − T ln Z with p = softmax(−E/T); to second order
 *     KL ≈ ½Σδρ²/p and δρ_i = √p_i δx_i, so F ≈ F_eq + (T/2)|δx|² on the tangent space: every normal mode has
 *     the same angular frequency ω = √(T/m), and γ_c = 2√(mT) is critical damping.</li>
 * <li><b>Monotone distance.</b> In the overdamped (gradient-flow) limit γẋ = −P_tan g, the Bhattacharyya angle
 *     θ = arccos Σ√(ρ_i p_i) satisfies d(cos θ)/dt ∝ −Cov_ρ(r, −ln r) ≥ 0 with r_i = √(p_i/ρ_i) (Chebyshev's
 *     sum inequality: r and −ln r are oppositely ordered), so θ decreases monotonically. With inertia, starting
 *     from rest, it was monotone (sampled every 0.1) in 200/200 random 5-state starts for γ ≥ γ_c = 2√(mT), and
 *     not monotone in 94/200 at 0.8γ_c and 196/200 at 0.5γ_c: underdamped motion overshoots p. The tests use
 *     γ = 2γ_c for margin (a starting velocity pointing away from p breaks monotonicity at any finite γ).</li>
 * </ol>
 *
 * <h2>Components near zero</h2>
 * The equations are integrated in x, not ρ: there is no 1/ρ anywhere. The force (x_i/2)(E_i + T + T ln ρ_i) tends
 * to 0 as x_i → 0 (x ln x² → 0) and is evaluated with ln ρ_i = 2 ln|x_i| − ln 4 (no underflow of x_i²) and as
 * exactly 0 at x_i = 0. The potential is C¹ but its curvature diverges logarithmically at x_i = 0; the entropy makes
 * x_i = 0 a local maximum along x_i (a repulsive face), which a fast enough particle can cross: x_i then changes
 * sign while ρ_i = x_i²/4 touches 0 and rebounds (the sign of x_i is a gauge — all 2^N orthants map onto the same
 * simplex). The force has the Osgood modulus x ln(1/x), so the solution stays unique; the adaptive step control
 * shrinks the steps near such a crossing. A component that is exactly 0 with zero velocity feels exactly zero force
 * and stays 0 forever: the faces of the simplex are invariant (unstable) sets, and the damped motion then tends to
 * the softmax restricted to the support of the initial state — {@link Trajectory#initialZeros()} reports it.
 *
 * <h2>Staying on the sphere</h2>
 * The multiplier above keeps the constraint in exact arithmetic; the integrator's truncation and round-off still let
 * |x| and x·ẋ drift slowly. After every accepted step whose drift exceeds {@value #PROJECTION_THRESHOLD} the state
 * is projected back (x ← 2x/|x|, then ẋ ← ẋ − (x·ẋ/|x|²)x) and the integrator restarts its derivatives there; every
 * output sample is projected the same way. The largest drift met before projection is reported
 * ({@link Trajectory#maxConstraintDrift()}), so Σρ = 1 and |x| = 2 hold to round-off (≈1e-15) in every output.
 */
public final class FisherRaoDynamics {
    /** Drift of |x|² − 4 (or of x·ẋ relative to |x||ẋ|) above which an accepted step is projected back. */
    public static final double PROJECTION_THRESHOLD = 1e-14;
    private static final double LN4 = Math.log(4.0);

    /**
     * Integration settings.
     *
     * @param mass              information inertia m &gt; 0 (Eq. 11)
     * @param damping           Rayleigh damping γ ≥ 0 (force −γẋ, tangential)
     * @param absoluteTolerance absolute tolerance of the adaptive integrator (&gt; 0)
     * @param relativeTolerance relative tolerance of the adaptive integrator (&gt; 0)
     * @param maxEvaluations    bound on right-hand-side evaluations (guards against stalls)
     */
    public record Settings(double mass, double damping, double absoluteTolerance, double relativeTolerance,
                           int maxEvaluations) {
        /** Validates the settings (one-line {@link InvalidInputException} on bad values). */
        public Settings {
            InvalidInputException.requirePositive("mass m", mass);
            InvalidInputException.requireFinite("damping gamma", damping);
            if (damping < 0) throw new InvalidInputException("damping gamma must be >= 0, got " + damping);
            InvalidInputException.requirePositive("absolute tolerance", absoluteTolerance);
            InvalidInputException.requirePositive("relative tolerance", relativeTolerance);
            if (maxEvaluations < 1) throw new InvalidInputException("max evaluations must be >= 1, got " + maxEvaluations);
        }

        /**
         * Mass m and damping γ with the default tolerances 1e-14 (absolute and relative). Undamped energy drift of
         * DP853 grows linearly in time and in the tolerance: about 7e-9 relative over 500 periods at 1e-14 and
         * 6e-10 at 1e-15 for a 5-state example that grazes the faces.
         */
        public static Settings of(double mass, double damping) {
            return new Settings(mass, damping, 1e-14, 1e-14, 200_000_000);
        }
    }

    /**
     * A sampled trajectory; arrays are indexed by sample k = 0 … n−1.
     *
     * @param t                  sample times
     * @param rho                ρ(t_k), rows sum to 1
     * @param rhoDot             ρ̇(t_k) = x ẋ/2 (rows sum to 0)
     * @param freeEnergy         F[ρ] = Σρ_iE_i − T S (Eq. 12)
     * @param internalEnergy     U = Σρ_iE_i
     * @param entropy            S = −Σρ_i ln ρ_i (0 ln 0 = 0)
     * @param kinetic            K = (m/2)|ẋ|² = (m/2)Σρ̇²/ρ (Eq. 11)
     * @param energy             H = K + F (conserved when γ = 0)
     * @param distance           Bhattacharyya angle arccos Σ√(ρ_i p_i) to p = softmax(−E/T) (the Fisher–Rao
     *                           geodesic distance on the unit sphere; on the |x| = 2 sphere the arc length is twice it)
     * @param equilibrium        p = softmax(−E/T), the stationary point of Eq. 18
     * @param equilibriumFreeEnergy F_eq = −T ln Z (Eq. 24), the minimum of F on the simplex
     * @param maxConstraintDrift largest |x|²/4 − 1 (or normalised x·ẋ) met before a projection
     * @param projections        number of projections back onto the sphere
     * @param evaluations        right-hand-side evaluations of the integrator
     * @param initialZeros       number of initial components that are exactly 0 with zero velocity (invariant)
     */
    public record Trajectory(double[] t, double[][] rho, double[][] rhoDot, double[] freeEnergy, double[] internalEnergy,
                             double[] entropy, double[] kinetic, double[] energy, double[] distance, double[] equilibrium,
                             double equilibriumFreeEnergy, double maxConstraintDrift, long projections, long evaluations,
                             int initialZeros) {
        /** Number of samples. */
        public int size() {
            return t.length;
        }
    }

    private final double[] energies;
    private final double[] shifted;
    private final double eShift;
    private final double temperature;
    private final Settings settings;
    private final double[] equilibrium;
    private final double[] sqrtEquilibrium;

    /** Dynamics of energies E_i at temperature T with the given settings; validates everything. */
    public FisherRaoDynamics(double[] energies, double temperature, Settings settings) {
        BoltzmannEnsemble.validate(energies, 0, energies.length, temperature);
        if (settings == null) throw new InvalidInputException("settings are required");
        this.energies = energies.clone();
        this.temperature = temperature;
        this.settings = settings;
        // Shift by the mean energy: a constant added to every E_i only changes the normal force (absorbed by μ),
        // so the shift improves conditioning without changing the motion.
        double mean = 0;
        for (double e : energies) mean += e;
        eShift = mean / energies.length;
        shifted = new double[energies.length];
        for (int i = 0; i < energies.length; i++) shifted[i] = energies[i] - eShift;
        equilibrium = BoltzmannEnsemble.probabilities(energies, temperature); // p = softmax(−E/T) (Eq. 22)
        sqrtEquilibrium = new double[equilibrium.length];
        for (int i = 0; i < equilibrium.length; i++) sqrtEquilibrium[i] = Math.sqrt(equilibrium[i]);
    }

    /** Number of states N. */
    public int dimension() {
        return energies.length;
    }

    /** The equilibrium p = softmax(−E/T) (a copy). */
    public double[] equilibrium() {
        return equilibrium.clone();
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** The first-order system y = (x, ẋ) ∈ ℝ^{2N} of the constrained motion (see the class comment). */
    public OrdinaryDifferentialEquation equations() {
        final int n = energies.length;
        final double m = settings.mass(), gamma = settings.damping(), T = temperature;
        return new OrdinaryDifferentialEquation() {
            private final double[] g = new double[n];

            @Override
            public int getDimension() {
                return 2 * n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] dy = new double[2 * n];
                double xg = 0, xv = 0, vv = 0, xx = 0;
                for (int i = 0; i < n; i++) {
                    double x = y[i], v = y[n + i];
                    // g_i = ∂F/∂x_i = (x_i/2)[E_i + T(ln ρ_i + 1)], ρ_i = x_i²/4 (Eq. 12 on the sphere, Eq. 3)
                    double gi = x == 0 ? 0 : 0.5 * x * (shifted[i] + T * (2 * Math.log(Math.abs(x)) - LN4 + 1));
                    g[i] = gi;
                    xg += x * gi;
                    xv += x * v;
                    vv += v * v;
                    xx += x * x;
                }
                // μ from d²(|x|²)/dt² = 0: μ = (x·g + γ x·ẋ − m|ẋ|²)/|x|² (constraint Eq. 4, multiplier of Eq. 10)
                double mu = (xg + gamma * xv - m * vv) / xx;
                for (int i = 0; i < n; i++) {
                    dy[i] = y[n + i];
                    // m ẍ = −g − γẋ + μx (Euler–Lagrange, Eqs. 14–18 in x = 2√ρ)
                    dy[n + i] = (-g[i] - gamma * y[n + i] + mu * y[i]) / m;
                }
                return dy;
            }
        };
    }

    /**
     * Integrates from ρ(0) = {@code rho0} with initial ρ-velocity {@code rhoDot0} ({@code null}: at rest) to
     * {@code tEnd}, sampling {@code samples} ≥ 2 equally spaced times (t = 0 and t = tEnd included).
     * {@code rho0} must be non-negative, finite and sum to 1 within 1e-6 (it is renormalised exactly);
     * {@code rhoDot0} must be zero wherever ρ is zero (ẋ = ρ̇/√ρ is projected onto the tangent space).
     */
    public Trajectory integrate(double[] rho0, double[] rhoDot0, double tEnd, int samples) {
        final int n = energies.length;
        InvalidInputException.requirePositive("t-end", tEnd);
        if (samples < 2) throw new InvalidInputException("need at least 2 samples, got " + samples);
        // the integrator refuses intervals shorter than 1000 ulps of their end (t-end = 1e-320 with 1001 samples)
        if (!(tEnd / (samples - 1) > 1e4 * Math.ulp(tEnd))) {
            throw new InvalidInputException("t-end = " + tEnd + " is too short for " + samples + " samples: their "
                    + "spacing is below what double precision resolves there; use a longer t-end or fewer samples");
        }
        double[] rho = validateInitial(rho0, n);
        if (rhoDot0 != null && rhoDot0.length != n) {
            throw new InvalidInputException("initial velocity has " + rhoDot0.length + " entries, expected " + n);
        }
        double[] y = new double[2 * n];
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            y[i] = 2 * Math.sqrt(rho[i]); // x = 2√ρ (Eq. 3)
            if (rhoDot0 != null) {
                InvalidInputException.requireFinite("initial velocity " + i, rhoDot0[i]);
                if (rho[i] == 0 && rhoDot0[i] != 0) {
                    throw new InvalidInputException("initial velocity " + i + " is non-zero where rho is 0 (v = rhodot/sqrt(rho) diverges)");
                }
                y[n + i] = rho[i] == 0 ? 0 : rhoDot0[i] / Math.sqrt(rho[i]); // ẋ = ρ̇/√ρ (Eq. 5)
            }
        }
        for (int i = 0; i < n; i++) if (y[i] == 0 && y[n + i] == 0) zeros++;
        double[] drift = {0};
        project(y, drift);
        long[] projections = {0};

        DormandPrince853Integrator integrator = new DormandPrince853Integrator(0.0, tEnd,
                settings.absoluteTolerance(), settings.relativeTolerance());
        integrator.setMaxEvaluations(settings.maxEvaluations());
        integrator.addStepEndHandler(new ODEStepEndHandler() {
            @Override
            public Action stepEndOccurred(ODEStateAndDerivative state, boolean forward) {
                return driftOf(state.getPrimaryState()) > PROJECTION_THRESHOLD ? Action.RESET_STATE : Action.CONTINUE;
            }

            @Override
            public ODEState resetState(ODEStateAndDerivative state) {
                double[] s = state.getPrimaryState();
                project(s, drift);
                projections[0]++;
                return new ODEState(state.getTime(), s);
            }
        });
        OrdinaryDifferentialEquation ode = equations();

        double[] t = new double[samples];
        double[][] rhoOut = new double[samples][], rhoDotOut = new double[samples][];
        double[] fOut = new double[samples], uOut = new double[samples], sOut = new double[samples];
        double[] kOut = new double[samples], hOut = new double[samples], dOut = new double[samples];
        long evaluations = 0;
        double time = 0;
        record(0, 0.0, y, t, rhoOut, rhoDotOut, fOut, uOut, sOut, kOut, hOut, dOut);
        for (int k = 1; k < samples; k++) {
            double next = k == samples - 1 ? tEnd : tEnd * k / (samples - 1);
            try {
                ODEStateAndDerivative end = integrator.integrate(ode, new ODEState(time, y), next);
                y = end.getPrimaryState();
            } catch (MathIllegalStateException e) {
                throw new InvalidInputException("the integrator gave up at t = " + time + " (" + e.getMessage()
                        + "); loosen the tolerances or raise the evaluation limit");
            }
            evaluations += integrator.getEvaluations();
            project(y, drift);
            time = next;
            record(k, time, y, t, rhoOut, rhoDotOut, fOut, uOut, sOut, kOut, hOut, dOut);
        }
        double fEq = BoltzmannEnsemble.of(energies, temperature).F(); // F_eq = −T ln Z (Eq. 24)
        return new Trajectory(t, rhoOut, rhoDotOut, fOut, uOut, sOut, kOut, hOut, dOut, equilibrium.clone(), fEq,
                drift[0], projections[0], evaluations, zeros);
    }

    private void record(int k, double time, double[] y, double[] t, double[][] rhoOut, double[][] rhoDotOut,
                        double[] fOut, double[] uOut, double[] sOut, double[] kOut, double[] hOut, double[] dOut) {
        int n = energies.length;
        double[] x = Arrays.copyOfRange(y, 0, n), v = Arrays.copyOfRange(y, n, 2 * n);
        double[] rho = new double[n], rhoDot = new double[n];
        double vv = 0;
        for (int i = 0; i < n; i++) {
            rho[i] = 0.25 * x[i] * x[i];        // ρ = x²/4 (Eq. 3)
            rhoDot[i] = 0.5 * x[i] * v[i];      // ρ̇ = x ẋ/2 (Eq. 5)
            vv += v[i] * v[i];
        }
        t[k] = time;
        rhoOut[k] = rho;
        rhoDotOut[k] = rhoDot;
        uOut[k] = internalEnergy(rho);
        sOut[k] = entropyOfAmplitudes(x);
        fOut[k] = uOut[k] - temperature * sOut[k];          // F = U − TS (Eq. 12)
        kOut[k] = 0.5 * settings.mass() * vv;               // K = (m/2)|ẋ|² = (m/2)Σρ̇²/ρ (Eqs. 6, 11)
        hOut[k] = kOut[k] + fOut[k];                        // H = K + F
        dOut[k] = bhattacharyyaAngle(rho, equilibrium);
    }

    /** U = Σρ_iE_i, summed with the mean-shifted energies for accuracy. */
    private double internalEnergy(double[] rho) {
        double s = 0, c = 0, norm = 0;
        for (int i = 0; i < rho.length; i++) {
            double term = rho[i] * shifted[i];
            double tt = s + term;
            c += Math.abs(s) >= Math.abs(term) ? (s - tt) + term : (term - tt) + s;
            s = tt;
            norm += rho[i];
        }
        return s + c + eShift * norm; // U = Σρ_i(E_i − Ē) + Ē Σρ_i
    }

    /** S = −Σρ_i ln ρ_i with ρ_i = x_i²/4 and 0 ln 0 = 0; ln ρ_i = 2 ln|x_i| − ln 4 (no underflow). */
    static double entropyOfAmplitudes(double[] x) {
        double s = 0;
        for (double xi : x) {
            if (xi == 0) continue;
            double r = 0.25 * xi * xi;
            s -= r * (2 * Math.log(Math.abs(xi)) - LN4); // S = −Σρ ln ρ (Eq. 12's entropy)
        }
        return s;
    }

    /** The free energy F[ρ] = Σρ_iE_i + TΣρ_i ln ρ_i (Eq. 12) of any distribution (0 ln 0 = 0). */
    public double freeEnergy(double[] rho) {
        double s = 0;
        for (double r : rho) if (r > 0) s -= r * Math.log(r);
        return internalEnergy(rho) - temperature * s; // F = U − TS (Eq. 12)
    }

    /**
     * The Bhattacharyya angle θ = arccos Σ√(ρ_i p_i) ∈ [0, π/2], the Fisher–Rao geodesic distance between ρ and p
     * on the unit sphere of √ρ. Evaluated as 2·atan2(|√ρ − √p|, |√ρ + √p|), which is exact near θ = 0 where arccos
     * loses half the digits.
     */
    public static double bhattacharyyaAngle(double[] rho, double[] p) {
        if (rho.length != p.length) throw new InvalidInputException("distributions have different lengths");
        double minus = 0, plus = 0;
        for (int i = 0; i < rho.length; i++) {
            double a = Math.sqrt(Math.max(0, rho[i])), b = Math.sqrt(Math.max(0, p[i]));
            minus += (a - b) * (a - b);
            plus += (a + b) * (a + b);
        }
        return 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus)); // θ = arccos Σ√(ρp) (Bhattacharyya angle)
    }

    /** max(| |x|²/4 − 1 |, |x·ẋ|/(|x||ẋ|)) of a state y = (x, ẋ). */
    private double driftOf(double[] y) {
        int n = energies.length;
        double xx = 0, xv = 0, vv = 0;
        for (int i = 0; i < n; i++) {
            xx += y[i] * y[i];
            xv += y[i] * y[n + i];
            vv += y[n + i] * y[n + i];
        }
        double radial = Math.abs(xx / 4 - 1);
        double tangential = vv == 0 ? 0 : Math.abs(xv) / Math.sqrt(xx * vv);
        return Math.max(radial, tangential);
    }

    /** Projects y = (x, ẋ) onto the sphere |x| = 2 and its tangent space, recording the drift it removes. */
    private void project(double[] y, double[] drift) {
        int n = energies.length;
        drift[0] = Math.max(drift[0], driftOf(y));
        double xx = 0;
        for (int i = 0; i < n; i++) xx += y[i] * y[i];
        double scale = 2 / Math.sqrt(xx);
        double xv = 0;
        for (int i = 0; i < n; i++) {
            y[i] *= scale;         // x ← 2x/|x| (Eq. 4)
            xv += y[i] * y[n + i];
        }
        double c = xv / 4;
        for (int i = 0; i < n; i++) y[n + i] -= c * y[i]; // ẋ ← ẋ − (x·ẋ/|x|²)x (tangent space)
    }

    /** Checks and exactly renormalises an initial distribution. */
    static double[] validateInitial(double[] rho0, int n) {
        if (rho0 == null) throw new InvalidInputException("initial distribution is required");
        if (rho0.length != n) {
            throw new InvalidInputException("initial distribution has " + rho0.length + " entries, the energies " + n);
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            double r = rho0[i];
            if (!Double.isFinite(r) || r < 0) {
                throw new InvalidInputException("initial probability " + i + " must be finite and >= 0, got " + r);
            }
            s += r;
        }
        if (!(Math.abs(s - 1) <= 1e-6)) {
            throw new InvalidInputException("initial distribution must sum to 1 (within 1e-6), sums to " + s);
        }
        double[] rho = new double[n];
        for (int i = 0; i < n; i++) rho[i] = rho0[i] / s;
        return rho;
    }

    /** The uniform distribution on N states. */
    public static double[] uniform(int n) {
        double[] r = new double[n];
        Arrays.fill(r, 1.0 / n);
        return r;
    }
}
