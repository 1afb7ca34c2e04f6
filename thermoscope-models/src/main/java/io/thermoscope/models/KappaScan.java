package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.EnsembleStatistics;
import io.thermoscope.ensemble.FirstLaw;
import io.thermoscope.plot.Figure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The equation of state of a real encoder against context length (abstract Fig. 1): each prompt's token stream is
 * cut to prefixes of V_ctx tokens ([CLS], the first V − 2 tokens, [SEP]) on a linear grid, the model is re-run on
 * each, and the mean free energy per query F(V) (over layers, heads and queries; F = −T ln Z, Eq. 24) gives the
 * pressure P = −∂F/∂V_ctx by {@link FirstLaw#pressure} (second-order differences on the grid, Eq. 25), and
 * κ = P·V/(N_eff·T) by {@link FirstLaw#kappa} with N_eff either the heads' mean weight rank (participation ratio of
 * the singular values of W_Q W_Kᵀ, default, as the {@code first-law} command) or the mean attention participation
 * ratio 1/Σp² at that V; κ is averaged over prompts with a standard-deviation band.
 *
 * <p>Convergence rule: κ (prompt mean) converges when, over the last quarter of the V range, its relative change
 * (max − min)/|mean| is below the tolerance (5 % by default); the convergence point is the smallest V from which
 * every later κ stays within the tolerance of that last-quarter mean.
 */
public final class KappaScan {

    /** Definition of the attention N_eff, as reported. */
    public static final String N_EFF_ATTENTION = "mean attention participation ratio 1/sum p^2 at V (over layers, heads, queries)";
    /** Definition of the weights N_eff, as reported. */
    public static final String N_EFF_WEIGHTS = "mean over layers and heads of the participation ratio of the singular "
            + "values of W_Q W_K^T (Eq. 25), constant in V";

    private KappaScan() {
    }

    /** Scans {@code source} on {@code prompts} up to {@code maxContext} tokens (loads and closes the model). */
    public static KappaResult run(ModelSource source, List<String> prompts, int maxContext, KappaOptions options) {
        try (AttentionModel model = AttentionModel.load(source)) {
            return run(model, prompts, maxContext, options, System.err::println);
        }
    }

    /** Scans an open model; warnings (a capped maxContext, short prompts) go to {@code warnings}. */
    public static KappaResult run(AttentionModel model, List<String> prompts, int maxContext, KappaOptions options,
                                  Consumer<String> warnings) {
        if (prompts.isEmpty()) throw new InvalidInputException("no prompts given");
        int vMax = maxContext;
        if (vMax > model.maxPositions()) {
            if (!options.truncate()) {
                throw new InvalidInputException("--max-context " + maxContext + " exceeds the " + model.maxPositions()
                        + " positions of " + model.source().name() + "; lower it or pass --truncate");
            }
            vMax = model.maxPositions();
            warn(warnings, "warning: max context " + maxContext + " capped at " + vMax + " positions");
        }
        if (vMax < options.minContext() + options.points() - 1 && vMax <= options.minContext()) {
            throw new InvalidInputException("max context " + vMax + " must exceed the minimum " + options.minContext());
        }
        int[] grid = grid(options.minContext(), vMax, options.points());
        long sep = model.separatorId();
        int G = grid.length;
        double[][] kappa = new double[prompts.size()][G];
        double[][] fAll = new double[prompts.size()][G];
        double[][] pAll = new double[prompts.size()][G];
        double[][] nAll = new double[prompts.size()][G];
        double[][] nUsed = new double[prompts.size()][G];
        for (double[] row : kappa) Arrays.fill(row, Double.NaN);
        double T = Double.NaN;
        double nWeights = Double.NaN;
        int layers = 0, heads = 0;
        for (int p = 0; p < prompts.size(); p++) {
            long[] ids = model.tokenize(prompts.get(p));
            int reach = 0;
            while (reach < G && grid[reach] <= ids.length) reach++;
            if (reach < 2) {
                warn(warnings, "warning: prompt " + p + " has only " + ids.length + " tokens; skipped");
                continue;
            }
            if (reach < G) {
                warn(warnings, "warning: prompt " + p + " has " + ids.length + " tokens; it reaches V = "
                        + grid[reach - 1] + " only");
            }
            double[] v = new double[reach], f = new double[reach], n = new double[reach];
            for (int g = 0; g < reach; g++) {
                int V = grid[g];
                long[] prefix = Arrays.copyOf(ids, V);
                if (sep >= 0) prefix[V - 1] = sep;
                Forward fw = model.forward(prefix, false);
                T = Math.sqrt(AttentionModel.keyDimension(fw)); // T = √d_k (Eq. 9)
                layers = fw.layers();
                heads = fw.heads();
                if (options.nEff() == KappaOptions.NEff.WEIGHTS && Double.isNaN(nWeights)) {
                    double sum = 0;
                    for (double[] row : model.headRanks(fw)) for (double x : row) sum += x;
                    nWeights = sum / (layers * heads);
                }
                double[] m = meanFreeEnergyAndNEff(fw, T);
                v[g] = V;
                f[g] = m[0];
                n[g] = m[1];
            }
            double[] pressure = FirstLaw.pressure(v, f); // P = −∂F/∂V_ctx (Eq. 25)
            for (int g = 0; g < reach; g++) {
                // κ = P·V/(N_eff·T) (Eq. 25–26 equation of state)
                double nEff = options.nEff() == KappaOptions.NEff.WEIGHTS ? nWeights : n[g];
                kappa[p][g] = FirstLaw.kappa(new double[] {v[g]}, new double[] {pressure[g]}, nEff, T)[0];
                nUsed[p][g] = nEff;
                fAll[p][g] = f[g];
                pAll[p][g] = pressure[g];
                nAll[p][g] = n[g];
            }
        }
        if (Double.isNaN(T)) throw new InvalidInputException("no prompt reaches two context lengths of the grid");
        List<KappaResult.Point> curve = new ArrayList<>();
        for (int g = 0; g < G; g++) {
            int c = 0;
            double sk = 0, sf = 0, sp = 0, sn = 0, su = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < prompts.size(); p++) {
                if (Double.isNaN(kappa[p][g])) continue;
                c++;
                sk += kappa[p][g];
                sf += fAll[p][g];
                sp += pAll[p][g];
                sn += nAll[p][g];
                su += nUsed[p][g];
                lo = Math.min(lo, kappa[p][g]);
                hi = Math.max(hi, kappa[p][g]);
            }
            if (c == 0) continue;
            double mean = sk / c, ss = 0;
            for (int p = 0; p < prompts.size(); p++) {
                if (!Double.isNaN(kappa[p][g])) ss += (kappa[p][g] - mean) * (kappa[p][g] - mean);
            }
            curve.add(new KappaResult.Point(grid[g], c, sf / c, sp / c, T / grid[g], su / c, sn / c, mean,
                    c > 1 ? Math.sqrt(ss / (c - 1)) : 0, lo, hi)); // ideal gas P = T/V (Eq. 26)
        }
        int used = 0;
        for (double[] row : kappa) if (!Double.isNaN(row[0])) used++;
        String def = options.nEff() == KappaOptions.NEff.WEIGHTS ? N_EFF_WEIGHTS : N_EFF_ATTENTION;
        return new KappaResult(model.source().name(), T, layers, heads, used, def, curve,
                convergence(curve, options.tolerance()));
    }

    /**
     * Mean over layers, heads and queries of F and of the participation ratio, at temperature T. Heads run in
     * parallel; their partial sums are added in a fixed order, so the result is identical for any thread count.
     */
    static double[] meanFreeEnergyAndNEff(Forward fw, double T) {
        int n = fw.tokens(), H = fw.heads();
        double[][] partial = new double[fw.layers() * H][];
        IntStream.range(0, partial.length).parallel().forEach(lh -> {
            int l = lh / H, h = lh % H;
            BoltzmannEnsemble ensemble = new BoltzmannEnsemble(n);
            double[] e = new double[n];
            double f = 0, ne = 0;
            for (int i = 0; i < n; i++) {
                fw.energies(l, h, i, T, e); // E = −q·k (Eq. 7)
                EnsembleStatistics st = ensemble.compute(e, 0, n, T);
                f += st.F();
                ne += st.nEff();
            }
            partial[lh] = new double[] {f, ne};
        });
        double f = 0, ne = 0;
        for (double[] p : partial) {
            f += p[0];
            ne += p[1];
        }
        long count = (long) partial.length * n;
        return new double[] {f / count, ne / count};
    }

    /** A linear grid of about {@code points} distinct integers from {@code min} to {@code max}. */
    static int[] grid(int min, int max, int points) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = 0; i < points; i++) s.add((int) Math.round(min + (double) i * (max - min) / (points - 1)));
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Applies the convergence rule (see the class comment) to the prompt-mean κ curve. */
    static KappaResult.Convergence convergence(List<KappaResult.Point> curve, double tol) {
        String rule = String.format(Locale.ROOT, "converged when (max - min)/|mean| of kappa over the last quarter of "
                + "the V range is < %.0f %%; from-V = smallest V after which kappa stays within %.0f %% of that mean",
                100 * tol, 100 * tol);
        if (curve.size() < 2) return new KappaResult.Convergence(rule, false, Double.NaN, Double.NaN, Double.NaN, null,
                "too few points");
        int vLo = curve.get(0).V(), vHi = curve.get(curve.size() - 1).V();
        double cut = vHi - (vHi - vLo) / 4.0;
        double sum = 0, sd = 0, mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
        int c = 0;
        for (KappaResult.Point p : curve) {
            if (p.V() < cut) continue;
            sum += p.kappa();
            sd += p.kappaStd();
            mn = Math.min(mn, p.kappa());
            mx = Math.max(mx, p.kappa());
            c++;
        }
        double mean = sum / c, rel = (mx - mn) / Math.abs(mean);
        boolean ok = rel < tol;
        Integer from = null;
        for (int i = curve.size() - 1; i >= 0; i--) {
            if (Math.abs(curve.get(i).kappa() - mean) > tol * Math.abs(mean)) break;
            from = curve.get(i).V();
        }
        String verdict = String.format(Locale.ROOT, "%s: kappa = %.4g ± %.2g (prompt std) over V in [%.0f, %d]; "
                        + "relative change %.1f %%%s", ok ? "converges" : "does not converge", mean, sd / c, Math.ceil(cut),
                vHi, 100 * rel, from != null ? ", within " + Math.round(100 * tol) + " % from V = " + from : "");
        return new KappaResult.Convergence(rule, ok, mean, sd / c, rel, from, verdict);
    }

    /**
     * κ against V_ctx for several architectures in one figure (mean lines with ± 1 std bands), each with the ideal
     * information gas's κ (P = T/V) as a dashed line.
     */
    public static Figure figure(List<KappaResult> results) {
        Figure fig = new Figure("Equation of state κ = P·V/(N_eff·T) against context", "V_ctx (tokens)", "κ");
        for (KappaResult r : results) {
            int n = r.curve().size();
            double[] v = new double[n], ideal = new double[n];
            for (int i = 0; i < n; i++) {
                KappaResult.Point p = r.curve().get(i);
                v[i] = p.V();
                ideal[i] = p.idealPressure() * p.V() / (p.nEff() * r.T()); // ideal gas P = T/V (Eq. 26) in κ
            }
            fig.dashed(r.model() + " ideal gas (P = T/V)", v, ideal);
        }
        for (KappaResult r : results) {
            int n = r.curve().size();
            double[] v = new double[n], k = new double[n], lo = new double[n], hi = new double[n];
            for (int i = 0; i < n; i++) {
                KappaResult.Point p = r.curve().get(i);
                v[i] = p.V();
                k[i] = p.kappa();
                lo[i] = p.kappa() - p.kappaStd();
                hi[i] = p.kappa() + p.kappaStd();
            }
            fig.line(r.model() + String.format(Locale.ROOT, " (%d layers)", r.layers()), v, k);
            fig.band(r.model() + " ± 1 std over prompts", v, lo, hi); // takes the line's colour
        }
        return fig;
    }

    private static void warn(Consumer<String> warnings, String s) {
        if (warnings != null) warnings.accept(s);
    }
}
