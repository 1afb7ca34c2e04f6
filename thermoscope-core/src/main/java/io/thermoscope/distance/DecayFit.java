package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;
import io.thermoscope.stats.Quantile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the decay law of attention against distance, p(d) ∝ d^−γ e^−λd (polylog chapter §22.4), from observed
 * attention profiles, two ways:
 * <ul>
 *   <li><b>OLS</b>: the slope of ln m̄(d) against ln d of the mean profile (a pure power law, λ = 0) — the
 *       estimator the public peer tool uses, kept for comparability;</li>
 *   <li><b>MLE</b>: maximum likelihood of the discrete distribution d^−γ e^−λd / Z on each query's own support
 *       (its finite context), treating the attention mass as fractional counts. The model is an exponential
 *       family in the statistics (ln d, d), so the log-likelihood is concave and Newton's method converges;
 *       λ ≥ 0 is enforced (the boundary fit λ = 0 is used when the free optimum has λ &lt; 0).</li>
 * </ul>
 * Confidence intervals are percentile bootstraps over queries (profiles), or over distances when a single profile is
 * given. All randomness comes from the seed in {@link Options}.
 */
public final class DecayFit {

    /**
     * Fit options.
     *
     * @param maxDistance  largest distance used (profiles are cut there); 0 = all
     * @param fitLambda    whether the MLE fits λ (otherwise λ = 0)
     * @param bootstrap    bootstrap replicates (0 = no intervals)
     * @param level        confidence level of the intervals, e.g. 0.95
     * @param band         half-width of the "crossover" band around γ = 1
     * @param seed         bootstrap seed
     */
    public record Options(int maxDistance, boolean fitLambda, int bootstrap, double level, double band, long seed) {
        /** Validates the options. */
        public Options {
            if (maxDistance < 0) throw new InvalidInputException("max distance must be >= 0, got " + maxDistance);
            if (bootstrap < 0) throw new InvalidInputException("bootstrap replicates must be >= 0, got " + bootstrap);
            if (!(level > 0 && level < 1)) throw new InvalidInputException("confidence level must be in (0, 1), got " + level);
            if (!(band >= 0) || !Double.isFinite(band)) throw new InvalidInputException("band must be finite and >= 0");
        }

        /** All distances, λ fitted, 400 bootstrap replicates, 95 % intervals, band 0.05, seed 0. */
        public static Options defaults() {
            return new Options(0, true, 400, 0.95, DistanceEnsemble.DEFAULT_BAND, 0L);
        }

        /** These options with another bootstrap count. */
        public Options withBootstrap(int b) {
            return new Options(maxDistance, fitLambda, b, level, band, seed);
        }

        /** These options with another seed. */
        public Options withSeed(long s) {
            return new Options(maxDistance, fitLambda, bootstrap, level, band, s);
        }

        /** These options with another distance cut. */
        public Options withMaxDistance(int m) {
            return new Options(m, fitLambda, bootstrap, level, band, seed);
        }

        /** These options with λ fitted or fixed at 0. */
        public Options withFitLambda(boolean f) {
            return new Options(maxDistance, f, bootstrap, level, band, seed);
        }
    }

    /**
     * One estimate with its bootstrap interval (NaN bounds when no bootstrap was run).
     *
     * @param method    "ols" or "mle"
     * @param gamma     decay exponent γ
     * @param gammaLo   lower bound of γ's interval
     * @param gammaHi   upper bound of γ's interval
     * @param lambda    exponential cut-off λ (0 for OLS, or when not fitted)
     * @param lambdaLo  lower bound of λ's interval
     * @param lambdaHi  upper bound of λ's interval
     * @param phase     "A" (γ &lt; 1), "B" (γ &gt; 1) or "crossover", from the point estimate
     * @param phaseFirm whether the whole γ interval lies in the same phase region
     * @param converged whether the fit converged (MLE Newton; OLS needs ≥ 2 positive points)
     */
    public record Estimate(String method, double gamma, double gammaLo, double gammaHi, double lambda, double lambdaLo,
                           double lambdaHi, String phase, boolean phaseFirm, boolean converged) {
        /** The verdict in words, e.g. "B, γ = 1.31 [1.22, 1.40]". */
        public String verdict() {
            if (!converged) return "no fit (" + method + " did not converge)";
            String ci = Double.isNaN(gammaLo) ? "" : String.format(Locale.ROOT, " [%.2f, %.2f]", gammaLo, gammaHi);
            return String.format(Locale.ROOT, "%s, γ = %.2f%s", phase, gamma, ci);
        }
    }

    /**
     * Both estimates.
     *
     * @param ols           log–log OLS (power law)
     * @param mle           maximum likelihood of d^−γ e^−λd
     * @param profiles      number of query profiles used
     * @param maxDistance   largest distance used
     * @param bootstrapUnit "profiles", "distances" or "none"
     * @param r2            R² in log space of the mean profile against the MLE law's prediction on the same
     *                      supports: how well d^−γ e^−λd describes the data at all
     */
    public record Result(Estimate ols, Estimate mle, int profiles, int maxDistance, String bootstrapUnit, double r2) {
        /** The principled estimate's phase. */
        public String phase() {
            return mle.phase();
        }

        /** The principled estimate's verdict, e.g. "B, γ = 1.31 [1.22, 1.40]". */
        public String verdict() {
            return mle.verdict();
        }
    }

    private DecayFit() {
    }

    /** Fits γ (and λ) to the given query profiles. */
    public static Result fit(List<DistanceProfile> profiles, Options options) {
        if (profiles.isEmpty()) throw new InvalidInputException("no attention profile with mass at distance >= 1");
        Data data = Data.of(profiles, options.maxDistance());
        int n = data.count();
        double[] unit = new double[n];
        java.util.Arrays.fill(unit, 1);
        DecayLaw olsPoint = data.ols(unit);
        DecayLaw mlePoint = data.mle(unit, options.fitLambda());
        String unitName = "none";
        double[][] olsBoot = null, mleBoot = null;
        if (options.bootstrap() > 0) {
            SplittableRandom rng = new SplittableRandom(options.seed());
            boolean byProfile = n >= 2;
            unitName = byProfile ? "profiles" : "distances";
            int b = options.bootstrap();
            olsBoot = new double[2][b];
            mleBoot = new double[2][b];
            for (int r = 0; r < b; r++) {
                DecayLaw o, m;
                if (byProfile) {
                    double[] w = new double[n];
                    for (int i = 0; i < n; i++) w[rng.nextInt(n)] += 1;
                    o = data.ols(w);
                    m = data.mle(w, options.fitLambda());
                } else {
                    Data resampled = data.resampleDistances(rng);
                    o = resampled.ols(unit);
                    m = resampled.mle(unit, options.fitLambda());
                }
                olsBoot[0][r] = o.gamma();
                olsBoot[1][r] = o.lambda();
                mleBoot[0][r] = m.gamma();
                mleBoot[1][r] = m.lambda();
            }
        }
        return new Result(estimate("ols", olsPoint, olsBoot, options), estimate("mle", mlePoint, mleBoot, options),
                n, data.maxDistance, unitName, data.r2(mlePoint));
    }

    /** Fits one profile per attention row of a [q][k] matrix. */
    public static Result fit(double[][] attention, DistanceProfile.Queries queries, DistanceProfile.Direction direction,
                             Options options) {
        return fit(DistanceProfile.fromMatrix(attention, queries, direction), options);
    }

    private static Estimate estimate(String method, DecayLaw p, double[][] boot, Options o) {
        double gLo = Double.NaN, gHi = Double.NaN, lLo = Double.NaN, lHi = Double.NaN;
        if (boot != null) {
            double a = (1 - o.level()) / 2;
            double[] g = finite(boot[0]);
            double[] l = finite(boot[1]);
            if (g.length > 0) {
                gLo = Quantile.ofSorted(g, a);
                gHi = Quantile.ofSorted(g, 1 - a);
                lLo = Quantile.ofSorted(l, a);
                lHi = Quantile.ofSorted(l, 1 - a);
            }
        }
        String phase = DistanceEnsemble.phase(p.gamma(), o.band());
        boolean firm = !Double.isNaN(gLo) && DistanceEnsemble.phase(gLo, o.band()).equals(phase)
                && DistanceEnsemble.phase(gHi, o.band()).equals(phase)
                && !(gLo < 1 - o.band() && gHi > 1 + o.band());
        return new Estimate(method, p.gamma(), gLo, gHi, p.lambda(), lLo, lHi, phase, firm, p.converged());
    }

    private static double[] finite(double[] x) {
        return java.util.Arrays.stream(x).filter(Double::isFinite).sorted().toArray();
    }

    /** Per-profile sufficient statistics plus the profiles' supports. */
    private static final class Data {
        final int maxDistance;
        final int[] past, future;    // support of each profile (cut at maxDistance)
        final DecayLikelihood likelihood;
        final double[] sumLn, sumD;  // observed Σ m(d) ln d and Σ m(d) d of each (renormalised) profile
        final double[][] mass;       // renormalised profiles (for OLS and distance resampling)

        Data(int maxDistance, int[] past, int[] future, double[] sumLn, double[] sumD, double[][] mass) {
            this.maxDistance = maxDistance;
            this.past = past;
            this.future = future;
            this.sumLn = sumLn;
            this.sumD = sumD;
            this.mass = mass;
            this.likelihood = new DecayLikelihood(maxDistance, past, future);
        }

        int count() {
            return past.length;
        }

        static Data of(List<DistanceProfile> profiles, int cut) {
            List<DistanceProfile> kept = new ArrayList<>();
            int maxLen = 0;
            for (DistanceProfile p : profiles) {
                int len = cut > 0 ? Math.min(cut, p.length()) : p.length();
                double total = 0;
                for (int d = 0; d < len; d++) {
                    double m = p.mass()[d];
                    if (!Double.isFinite(m) || m < 0) throw new InvalidInputException("attention mass at distance "
                            + (d + 1) + " is " + m + " (must be finite and >= 0)");
                    total += m;
                }
                if (total > 0 && len > 0) {
                    kept.add(p);
                    maxLen = Math.max(maxLen, len);
                }
            }
            if (kept.isEmpty()) throw new InvalidInputException("no attention profile with mass at distance >= 1");
            if (maxLen < 2) throw new InvalidInputException("need at least 2 distances to fit a decay law");
            int n = kept.size();
            int[] past = new int[n], future = new int[n];
            double[] sl = new double[n], sd = new double[n];
            double[][] mass = new double[n][];
            for (int i = 0; i < n; i++) {
                DistanceProfile p = kept.get(i);
                int len = cut > 0 ? Math.min(cut, p.length()) : p.length();
                past[i] = Math.min(p.past(), len);
                future[i] = Math.min(p.future(), len);
                double total = 0;
                for (int d = 0; d < len; d++) total += p.mass()[d];
                double[] m = new double[len];
                double a = 0, b = 0;
                for (int d = 1; d <= len; d++) {
                    m[d - 1] = p.mass()[d - 1] / total;
                    a += m[d - 1] * Math.log(d);
                    b += m[d - 1] * d;
                }
                mass[i] = m;
                sl[i] = a;
                sd[i] = b;
            }
            return new Data(maxLen, past, future, sl, sd, mass);
        }

        /** A single profile resampled over distances (case resampling), for the one-profile bootstrap. */
        Data resampleDistances(SplittableRandom rng) {
            double[] m0 = mass[0];
            int len = m0.length;
            double[] m = new double[len];
            for (int i = 0; i < len; i++) {
                int d = rng.nextInt(len);
                m[d] += m0[d];
            }
            double total = 0;
            for (double v : m) total += v;
            if (!(total > 0)) return this;
            double a = 0, b = 0;
            for (int d = 1; d <= len; d++) {
                m[d - 1] /= total;
                a += m[d - 1] * Math.log(d);
                b += m[d - 1] * d;
            }
            return new Data(maxDistance, past.clone(), future.clone(), new double[]{a}, new double[]{b},
                    new double[][]{m});
        }

        /**
         * R² in log space of the observed mean mass m̄(d) against the law's prediction averaged over the same profiles
         * (each on its own support): 1 − Σ(ln m̄ − ln m̂)² / Σ(ln m̄ − mean)² over distances with positive mass.
         */
        double r2(DecayLaw p) {
            double[] obs = new double[maxDistance], cnt = new double[maxDistance], unit = new double[count()];
            for (int i = 0; i < count(); i++) {
                unit[i] = 1;
                double[] m = mass[i];
                for (int d = 0; d < m.length; d++) {
                    obs[d] += m[d];
                    cnt[d]++;
                }
            }
            return likelihood.r2(p, unit, obs, cnt);
        }

        /** OLS slope of ln m̄(d) on ln d over distances where the weighted mean profile is positive. */
        DecayLaw ols(double[] w) {
            double[] num = new double[maxDistance], den = new double[maxDistance];
            for (int i = 0; i < count(); i++) {
                if (w[i] == 0) continue;
                double[] m = mass[i];
                for (int d = 0; d < m.length; d++) {
                    num[d] += w[i] * m[d];
                    den[d] += w[i];
                }
            }
            return likelihood.meanProfileSlope(num, den);
        }

        /**
         * Weighted MLE of (γ, λ): maximises ℓ = Σ_i w_i [−γ A_i − λ B_i − ln Z_i(γ, λ)] with A_i, B_i the observed
         * means of ln d and d and Z_i the profile's own partition function (chapter §22.4, finite support).
         */
        DecayLaw mle(double[] w, boolean fitLambda) {
            double wsum = 0, a = 0, b = 0;
            for (int i = 0; i < count(); i++) {
                wsum += w[i];
                a += w[i] * sumLn[i];
                b += w[i] * sumD[i];
            }
            return likelihood.fit(w, wsum, a, b, fitLambda);
        }
    }
}
