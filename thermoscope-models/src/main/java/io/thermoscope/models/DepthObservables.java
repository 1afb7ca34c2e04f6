package io.thermoscope.models;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Depth as time (Kim 2026, Eq. 18, §VII.A): the attention of a causal decoder read layer by layer on one document, with
 * the observables whose change along depth the paper interprets as a relaxation — per layer, averaged over heads and
 * over the queries that see at least two keys: the specific heat C_v = Var(E)/T² = Var_p(score) of each attention row
 * (Eq. 28), its entropy S (Eq. 24); and between consecutive layers the Fisher–Rao distance of the head-averaged rows,
 * d(l, l+1) = 2 arccos Σ_j √(p̄_l(j) p̄_{l+1}(j)) (the great-circle distance on the sphere x = 2√ρ of Eqs. 3–6), the
 * layer-to-layer "velocity" ρ̇ that vanishes at equilibrium. The keys a query sees are those with non-zero probability
 * (the causal mask is read off the model's own probabilities, not assumed).
 *
 * @param cv       per layer, mean C_v
 * @param entropy  per layer, mean S
 * @param distance per transition l → l + 1, mean Fisher–Rao distance (length layers − 1)
 */
public record DepthObservables(double[] cv, double[] entropy, double[] distance) {

    /** Probabilities at or below this count as masked keys. */
    static final double MASKED = 0;

    /** Measures one forward pass (with probabilities). */
    public static DepthObservables of(Forward f) {
        if (f.probs() == null) throw new InvalidInputException("depth observables need the attention probabilities");
        int layers = f.layers(), heads = f.heads(), n = f.tokens();
        double[] cv = new double[layers], s = new double[layers], dist = new double[Math.max(0, layers - 1)];
        double[][] prev = null;
        int queries = 0;
        for (int l = 0; l < layers; l++) {
            double[][] mean = new double[n][n];
            queries = 0;
            for (int i = 0; i < n; i++) {
                int seen = 0;
                for (int j = 0; j < n; j++) if (f.prob(l, 0, i, j) > MASKED) seen++;
                if (seen < 2) continue; // a single key: C_v = S = 0 by construction
                queries++;
                for (int h = 0; h < heads; h++) {
                    double u = 0, e = 0;
                    for (int j = 0; j < n; j++) {
                        double p = f.prob(l, h, i, j);
                        mean[i][j] += p / heads;
                        if (p > MASKED) {
                            u += p * f.score(l, h, i, j);
                            e -= p * Math.log(p); // S = −Σ p ln p (Eq. 24)
                        }
                    }
                    double var = 0;
                    for (int j = 0; j < n; j++) {
                        double p = f.prob(l, h, i, j);
                        if (p > MASKED) var += p * (f.score(l, h, i, j) - u) * (f.score(l, h, i, j) - u); // two-pass variance
                    }
                    cv[l] += var / heads; // C_v = Var(E)/T² = Var(score) (Eq. 28, E = −score·T)
                    s[l] += e / heads;
                }
            }
            if (queries == 0) throw new InvalidInputException("no query sees two keys: the input is too short");
            cv[l] /= queries;
            s[l] /= queries;
            if (prev != null) dist[l - 1] = fisherRao(prev, mean);
            prev = mean;
        }
        return new DepthObservables(cv, s, dist);
    }

    /** Mean over the rows of both (skipping rows without mass) of 2 arccos of the Bhattacharyya coefficient. */
    static double fisherRao(double[][] a, double[][] b) {
        double sum = 0;
        int rows = 0;
        for (int i = 0; i < a.length; i++) {
            double bc = 0, ma = 0, mb = 0;
            for (int j = 0; j < a[i].length; j++) {
                bc += Math.sqrt(a[i][j] * b[i][j]);
                ma += a[i][j];
                mb += b[i][j];
            }
            if (ma == 0 || mb == 0) continue;
            sum += 2 * Math.acos(Math.min(1, bc)); // Fisher–Rao distance on the R = 2 sphere (Eqs. 3–6)
            rows++;
        }
        return sum / rows;
    }

    /** The per-document observables averaged over documents (element by element). */
    public static DepthObservables mean(List<DepthObservables> docs) {
        if (docs.isEmpty()) throw new InvalidInputException("no documents");
        int l = docs.get(0).cv().length;
        double[] cv = new double[l], s = new double[l], d = new double[Math.max(0, l - 1)];
        for (DepthObservables o : docs) {
            for (int i = 0; i < l; i++) {
                cv[i] += o.cv()[i] / docs.size();
                s[i] += o.entropy()[i] / docs.size();
            }
            for (int i = 0; i < d.length; i++) d[i] += o.distance()[i] / docs.size();
        }
        return new DepthObservables(cv, s, d);
    }

    /**
     * The least-squares slope of the layer-to-layer distance against relative depth t = l/(L − 2) of the transition
     * l → l + 1 (t from 0 to 1; NaN with fewer than two transitions): negative when attention settles with depth.
     */
    public double relaxationSlope() {
        int m = distance.length;
        if (m < 2) return Double.NaN;
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < m; i++) pts.add(new double[] {(double) i / (m - 1), distance[i]});
        double mx = 0, my = 0;
        for (double[] p : pts) {
            mx += p[0] / m;
            my += p[1] / m;
        }
        double sxy = 0, sxx = 0;
        for (double[] p : pts) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxy / sxx;
    }

    /** The largest per-layer C_v. */
    public double cvMax() {
        double m = Double.NEGATIVE_INFINITY;
        for (double c : cv) m = Math.max(m, c);
        return m;
    }
}
