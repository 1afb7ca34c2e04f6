package io.thermoscope.distance;

/**
 * The likelihood of the discrete decay law p(d) = d^−γ e^−λd / Z_i on finite supports (polylog chapter §22.4): profile
 * i has keys at distances 1 … past_i on one side and 1 … future_i on the other, so Z_i(γ, λ) = W(past_i) + W(future_i)
 * with W the partial sums of d^−γ e^−λd. The weighted log-likelihood of observed mass, ℓ = Σ_i w_i [−γ A_i − λ B_i −
 * ln Z_i] with A_i, B_i the observed means of ln d and d, depends on the data only through the totals
 * a = Σ w_i A_i, b = Σ w_i B_i and the weights of the supports — which lets many profiles that share a support be
 * fitted as one. The model is an exponential family in (ln d, d): ℓ is concave and Newton's method converges.
 * An instance keeps scratch arrays: one thread at a time.
 */
final class DecayLikelihood {

    final int maxDistance;
    final double[] lnD;          // ln d, d = 1..maxDistance
    final int[] past, future;    // the supports

    private final double[] ws;
    private final double[][] pre;

    DecayLikelihood(int maxDistance, int[] past, int[] future) {
        this.ws = new double[maxDistance];
        this.pre = new double[6][maxDistance + 1];
        this.maxDistance = maxDistance;
        this.past = past;
        this.future = future;
        this.lnD = new double[maxDistance];
        for (int d = 1; d <= maxDistance; d++) lnD[d - 1] = Math.log(d);
    }

    int count() {
        return past.length;
    }

    /**
     * Weighted MLE of (γ, λ) from support weights {@code w} (total {@code wsum}) and the observed totals a, b;
     * λ ≥ 0 is enforced (the boundary fit λ = 0 is used when the free optimum has λ &lt; 0).
     */
    DecayLaw fit(double[] w, double wsum, double a, double b, boolean fitLambda) {
        return fit(w, wsum, a, b, fitLambda, null);
    }

    /** {@link #fit(double[], double, double, double, boolean)} with Newton started at {@code start} (when a converged law). */
    DecayLaw fit(double[] w, double wsum, double a, double b, boolean fitLambda, DecayLaw start) {
        boolean warm = start != null && start.converged() && Double.isFinite(start.gamma());
        double g0 = warm ? start.gamma() : 1, l0 = warm && fitLambda ? Math.max(0, start.lambda()) : 0;
        DecayLaw free = newton(w, wsum, a, b, fitLambda, g0, l0);
        if (fitLambda && free.lambda() < 0) return newton(w, wsum, a, b, false, g0, 0);
        return free;
    }

    /**
     * R² in log space of an observed mean profile (obs[d − 1] = Σ of mass at distance d over cnt[d − 1] profiles)
     * against the law's prediction averaged over the same supports with weights {@code w}:
     * 1 − Σ(ln m̄ − ln m̂)² / Σ(ln m̄ − mean)² over distances with positive mass.
     */
    double r2(DecayLaw p, double[] w, double[] obs, double[] cnt) {
        if (!Double.isFinite(p.gamma())) return Double.NaN;
        double[] wt = new double[maxDistance], pre = new double[maxDistance + 1];
        scaledWeights(p.gamma(), p.lambda(), wt);
        for (int d = 0; d < maxDistance; d++) pre[d + 1] = pre[d] + wt[d];
        double[] pred = new double[maxDistance];
        for (int i = 0; i < count(); i++) {
            if (w[i] == 0) continue;
            double z = pre[past[i]] + pre[future[i]];
            int len = Math.max(past[i], future[i]);
            for (int d = 0; d < len; d++) {
                int c = (d + 1 <= past[i] ? 1 : 0) + (d + 1 <= future[i] ? 1 : 0);
                pred[d] += w[i] * c * wt[d] / z;
            }
        }
        double my = 0;
        int k = 0;
        for (int d = 0; d < maxDistance; d++) {
            if (obs[d] > 0 && pred[d] > 0) {
                my += Math.log(obs[d] / cnt[d]);
                k++;
            }
        }
        if (k < 3) return Double.NaN;
        my /= k;
        double res = 0, tot = 0;
        for (int d = 0; d < maxDistance; d++) {
            if (obs[d] > 0 && pred[d] > 0) {
                double y = Math.log(obs[d] / cnt[d]);
                res += Math.pow(y - Math.log(pred[d] / cnt[d]), 2);
                tot += Math.pow(y - my, 2);
            }
        }
        return tot > 0 ? 1 - res / tot : Double.NaN;
    }

    /**
     * The power law fitted by log–log OLS to a mean profile m̄(d) = num[d − 1]/den[d − 1] (distances with positive
     * mass): γ = −slope of ln m̄ on ln d, λ = 0.
     */
    DecayLaw meanProfileSlope(double[] num, double[] den) {
        double sx = 0, sy = 0;
        int k = 0;
        for (int d = 0; d < maxDistance; d++) {
            if (den[d] > 0 && num[d] > 0) {
                sx += lnD[d];
                sy += Math.log(num[d] / den[d]);
                k++;
            }
        }
        if (k < 2) return new DecayLaw(Double.NaN, 0, false);
        double mx = sx / k, my = sy / k, sxy = 0, sxx = 0;
        for (int d = 0; d < maxDistance; d++) {
            if (den[d] > 0 && num[d] > 0) {
                double dx = lnD[d] - mx;
                sxy += dx * (Math.log(num[d] / den[d]) - my);
                sxx += dx * dx;
            }
        }
        return new DecayLaw(-sxy / sxx, 0, sxx > 0); // ln m̄ = c − γ ln d (chapter §22.4, λ = 0)
    }

    /**
     * The law's captured mass within distance N on every support, [support][grid index]:
     * [W(min(N, past)) + W(min(N, future))] / Z (the KV-window mass of chapter §22.6 on the support).
     */
    double[][] capturedMass(DecayLaw p, int[] grid) {
        double[] wt = new double[maxDistance], pre = new double[maxDistance + 1];
        scaledWeights(p.gamma(), p.lambda(), wt);
        for (int d = 0; d < maxDistance; d++) pre[d + 1] = pre[d] + wt[d];
        double[][] out = new double[count()][grid.length];
        for (int i = 0; i < count(); i++) {
            double z = pre[past[i]] + pre[future[i]];
            for (int g = 0; g < grid.length; g++) {
                int n = grid[g];
                out[i][g] = (pre[Math.min(n, past[i])] + pre[Math.min(n, future[i])]) / z;
            }
        }
        return out;
    }

    private DecayLaw newton(double[] w, double wsum, double a, double b, boolean fitLambda, double g0, double l0) {
        double g = g0, l = l0;
        double[] mom = new double[6];
        double ll = loglik(w, wsum, a, b, g, l, mom);
        for (int it = 0; it < 100; it++) {
            // gradient of ℓ/W: model means minus observed means; Hessian: −(model covariance) (exponential family)
            double gg = mom[0] - a / wsum, gl = mom[1] - b / wsum;
            double hgg = mom[2], hgl = mom[3], hll = mom[4];
            double dg, dl;
            if (fitLambda) {
                double det = hgg * hll - hgl * hgl;
                if (!(det > 0)) return new DecayLaw(g, l, false);
                dg = (hll * gg - hgl * gl) / det;
                dl = (hgg * gl - hgl * gg) / det;
            } else {
                if (!(hgg > 0)) return new DecayLaw(g, l, false);
                dg = gg / hgg;
                dl = 0;
            }
            double step = 1;
            double[] trial = new double[6];
            double llNew = Double.NEGATIVE_INFINITY;
            for (int h = 0; h < 60; h++) {
                llNew = loglik(w, wsum, a, b, g + step * dg, l + step * dl, trial);
                if (llNew >= ll - 1e-15 * Math.abs(ll)) break;
                step /= 2;
            }
            g += step * dg;
            l += step * dl;
            System.arraycopy(trial, 0, mom, 0, 6);
            double change = Math.abs(step * dg) + Math.abs(step * dl) * maxDistance;
            ll = llNew;
            if (Math.abs(g) > 1e3 || Math.abs(l) > 1e3) return new DecayLaw(g, l, false);
            if (change < 1e-12 * (1 + Math.abs(g))) return new DecayLaw(g, l, true);
        }
        return new DecayLaw(g, l, false);
    }

    /**
     * Fills {@code out[d − 1]} with w(d)/max_d w(d), w(d) = d^−γ e^−λd (chapter §22.4), for d = 1 … maxDistance,
     * and returns ln max_d w(d) (the shift that keeps every weight finite whatever the sign and size of γ).
     */
    private double scaledWeights(double g, double l, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int d = 0; d < maxDistance; d++) {
            out[d] = -g * lnD[d] - l * (d + 1);      // ln w(d) = −γ ln d − λ d
            max = Math.max(max, out[d]);
        }
        for (int d = 0; d < maxDistance; d++) out[d] = Math.exp(out[d] - max);
        return max;
    }

    /**
     * ℓ/W at (γ, λ); fills mom with the weighted model means of ln d and d and their covariance
     * (computed about shifts, never as E[x²] − E[x]² of raw moments).
     */
    private double loglik(double[] w, double wsum, double a, double b, double g, double l, double[] mom) {
        int L = maxDistance;
        double max = scaledWeights(g, l, ws);
        double shiftLn = Math.log(0.5 * (L + 1)), shiftD = 0.5 * (L + 1);
        // prefix sums of w, w·x, w·y, w·x², w·xy, w·y² with x = ln d − shiftLn, y = (d − shiftD)
        for (int d = 0; d < L; d++) {
            double wd = ws[d];
            double x = lnD[d] - shiftLn, y = (d + 1) - shiftD;
            pre[0][d + 1] = pre[0][d] + wd;
            pre[1][d + 1] = pre[1][d] + wd * x;
            pre[2][d + 1] = pre[2][d] + wd * y;
            pre[3][d + 1] = pre[3][d] + wd * x * x;
            pre[4][d + 1] = pre[4][d] + wd * x * y;
            pre[5][d + 1] = pre[5][d] + wd * y * y;
        }
        double lnZsum = 0, ex = 0, ey = 0, cxx = 0, cxy = 0, cyy = 0;
        for (int i = 0; i < count(); i++) {
            if (w[i] == 0) continue;
            int p = past[i], f = future[i];
            double z = pre[0][p] + pre[0][f];
            double mx = (pre[1][p] + pre[1][f]) / z;
            double my = (pre[2][p] + pre[2][f]) / z;
            double vx = (pre[3][p] + pre[3][f]) / z - mx * mx;
            double vxy = (pre[4][p] + pre[4][f]) / z - mx * my;
            double vy = (pre[5][p] + pre[5][f]) / z - my * my;
            lnZsum += w[i] * (Math.log(z) + max);
            ex += w[i] * mx;
            ey += w[i] * my;
            cxx += w[i] * vx;
            cxy += w[i] * vxy;
            cyy += w[i] * vy;
        }
        mom[0] = ex / wsum + shiftLn;
        mom[1] = ey / wsum + shiftD;
        mom[2] = cxx / wsum;
        mom[3] = cxy / wsum;
        mom[4] = cyy / wsum;
        return (-g * a - l * b - lnZsum) / wsum;   // ℓ/W = −γ⟨ln d⟩_obs − λ⟨d⟩_obs − mean ln Z_i
    }
}
