package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import io.thermoscope.stats.Quantile;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.plot.Figure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Analysis across the runs of a sweep directory: per-run leads, "C_v peak precedes onset in k of n runs", the
 * mean lead with a seeded bootstrap CI, and Fig. 4's power law C_v^max ∝ p^a fitted on log–log axes (least
 * squares on the per-p means) with R² and a bootstrap CI of a (seeds resampled within each p).
 *
 * <p>Verdict rule (stated in {@link #DIVERGENCE_RULE}): "divergence detected" only if there are ≥ 3 distinct p,
 * the 95 % CI of the exponent lies entirely above 0, and R² ≥ 0.8; otherwise "no divergence detected" (or
 * "insufficient data" with fewer than 3 p).
 *
 * @param runs          one entry per run, sweep order
 * @param k             runs whose C_v peak strictly precedes the onset (lead &gt; 0)
 * @param n             all runs (never-grokking runs count in n, not in k)
 * @param grokked       runs that reached val accuracy ≥ 0.5
 * @param leadMean      mean lead over runs with a defined lead (NaN: none)
 * @param leadCiLow     2.5 % bootstrap quantile of the mean lead
 * @param leadCiHigh    97.5 % bootstrap quantile of the mean lead
 * @param perP          C_v^max mean and σ per p
 * @param exponent      fitted exponent a of C_v^max ∝ p^a (NaN with fewer than 2 p)
 * @param exponentCiLow 2.5 % bootstrap quantile of a
 * @param exponentCiHigh 97.5 % bootstrap quantile of a
 * @param rSquared      R² of the log–log fit
 * @param verdict       the divergence verdict by the rule above
 * @param rule          the rule, spelled out
 */
public record SweepAnalysis(List<RunLead> runs, int k, int n, int grokked, double leadMean, double leadCiLow,
                            double leadCiHigh, List<PointP> perP, double exponent, double exponentCiLow,
                            double exponentCiHigh, double rSquared, String verdict, String rule) {

    /** The divergence rule applied to Fig. 4. */
    public static final String DIVERGENCE_RULE = "divergence detected only if >= 3 distinct p, the 95% bootstrap CI"
            + " of the exponent a (C_v^max ~ p^a) lies entirely above 0, and R^2 >= 0.8";
    private static final int BOOTSTRAP = 4000;
    private static final long BOOTSTRAP_SEED = 20260101L;

    /**
     * One run.
     *
     * @param p           modulus
     * @param seed        seed
     * @param groksAtStep onset (null: never)
     * @param cvPeakStep  C_v peak step (null: none)
     * @param leadSteps   onset − peak (null when undefined)
     * @param cvMax       raw maximum of the head-averaged C_v
     * @param headLeads   per-head leads (null entries where undefined), layer-major
     */
    public record RunLead(int p, long seed, Integer groksAtStep, Integer cvPeakStep, Integer leadSteps, double cvMax,
                          List<Integer> headLeads) {}

    /**
     * C_v^max statistics at one p.
     *
     * @param p      modulus
     * @param n      runs
     * @param mean   mean C_v^max
     * @param sd     sample standard deviation (0 for one run)
     */
    public record PointP(int p, int n, double mean, double sd) {}

    /** Reads every finished run under {@code sweepDir} ({@code p{p}/seed{s}/summary.json}) and analyses them. */
    public static SweepAnalysis analyse(Path sweepDir) {
        List<GrokSummary> summaries = new ArrayList<>();
        for (Path dir : runDirs(sweepDir)) {
            if (Files.exists(dir.resolve(GrokRun.SUMMARY))) summaries.add(GrokRun.readSummary(dir.resolve(GrokRun.SUMMARY)));
        }
        if (summaries.isEmpty()) throw new InvalidInputException(sweepDir + " holds no finished runs (p*/seed*/summary.json)");
        return of(summaries);
    }

    /** The analysis of the given run summaries. */
    public static SweepAnalysis of(List<GrokSummary> summaries) {
        List<RunLead> runs = new ArrayList<>();
        int k = 0, grokked = 0;
        List<Double> leads = new ArrayList<>();
        Map<Integer, List<Double>> byP = new TreeMap<>();
        for (GrokSummary s : summaries) {
            List<Integer> hl = new ArrayList<>();
            for (GrokSummary.HeadPeak h : s.heads()) hl.add(h.leadSteps());
            runs.add(new RunLead(s.p(), s.seed(), s.groksAtStep(), s.cvPeakStep(), s.leadSteps(), s.cvMax(), hl));
            if (s.peakPrecedesOnset()) k++;
            if (s.groksAtStep() != null) grokked++;
            if (s.leadSteps() != null) leads.add((double) s.leadSteps());
            byP.computeIfAbsent(s.p(), q -> new ArrayList<>()).add(s.cvMax());
        }
        SplittableRandom rng = new SplittableRandom(BOOTSTRAP_SEED);
        double leadMean = Double.NaN, lo = Double.NaN, hi = Double.NaN;
        if (!leads.isEmpty()) {
            double[] l = leads.stream().mapToDouble(Double::doubleValue).toArray();
            leadMean = mean(l);
            double[] boot = new double[BOOTSTRAP];
            for (int b = 0; b < BOOTSTRAP; b++) {
                double sum = 0;
                for (int i = 0; i < l.length; i++) sum += l[rng.nextInt(l.length)];
                boot[b] = sum / l.length;
            }
            java.util.Arrays.sort(boot);
            lo = Quantile.ofSorted(boot, 0.025);
            hi = Quantile.ofSorted(boot, 0.975);
        }
        List<PointP> perP = new ArrayList<>();
        for (var e : byP.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            perP.add(new PointP(e.getKey(), v.length, mean(v), sd(v)));
        }
        double a = Double.NaN, r2 = Double.NaN, aLo = Double.NaN, aHi = Double.NaN;
        if (perP.size() >= 2 && perP.stream().allMatch(q -> q.mean() > 0)) {
            double[] fit = fit(perP.stream().mapToDouble(PointP::p).toArray(), perP.stream().mapToDouble(PointP::mean).toArray());
            a = fit[0];
            r2 = fit[2];
            double[] boot = new double[BOOTSTRAP];
            List<double[]> groups = new ArrayList<>();
            for (var e : byP.values()) groups.add(e.stream().mapToDouble(Double::doubleValue).toArray());
            double[] ps = byP.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            for (int b = 0; b < BOOTSTRAP; b++) {
                double[] m = new double[ps.length];
                for (int g = 0; g < ps.length; g++) {
                    double[] v = groups.get(g);
                    double sum = 0;
                    for (int i = 0; i < v.length; i++) sum += v[rng.nextInt(v.length)];
                    m[g] = sum / v.length;
                }
                boot[b] = fit(ps, m)[0];
            }
            java.util.Arrays.sort(boot);
            aLo = Quantile.ofSorted(boot, 0.025);
            aHi = Quantile.ofSorted(boot, 0.975);
        }
        String verdict;
        if (perP.size() < 3) verdict = "insufficient data (fewer than 3 distinct p)";
        else if (aLo > 0 && r2 >= 0.8) verdict = "divergence detected";
        else verdict = "no divergence detected";
        return new SweepAnalysis(runs, k, runs.size(), grokked, leadMean, lo, hi, perP, a, aLo, aHi, r2, verdict,
                DIVERGENCE_RULE);
    }

    /** Least squares of ln y = a ln x + b: returns {a, b, R²}. */
    static double[] fit(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx, dy = Math.log(y[i]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double a = sxy / sxx, b = my - a * mx;
        double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
        return new double[] {a, b, r2};
    }

    /** Writes fig4 (C_v^max vs p, log–log, with fit) and fig3 for each p in {@code fig3Ps}, SVG + PNG + CSV. */
    public void writeFigures(Path sweepDir, List<Integer> fig3Ps) {
        StringBuilder pts = new StringBuilder("p,seed,cvMax,groksAtStep,cvPeakStep,leadSteps\n");
        for (RunLead r : runs) {
            pts.append(String.format(Locale.ROOT, "%d,%d,%.17g,%s,%s,%s%n", r.p(), r.seed(), r.cvMax(),
                    str(r.groksAtStep()), str(r.cvPeakStep()), str(r.leadSteps())));
        }
        AtomicFiles.writeString(sweepDir.resolve("fig4_points.csv"), pts.toString());
        StringBuilder means = new StringBuilder("p,n,cvMaxMean,cvMaxSd\n");
        for (PointP q : perP) means.append(String.format(Locale.ROOT, "%d,%d,%.17g,%.17g%n", q.p(), q.n(), q.mean(), q.sd()));
        AtomicFiles.writeString(sweepDir.resolve("fig4_means.csv"), means.toString());
        double[] px = perP.stream().mapToDouble(PointP::p).toArray();
        Figure f4 = new Figure(String.format(Locale.ROOT, "C_v^max vs p: a = %.3g [%.3g, %.3g], R^2 = %.2f; %s",
                exponent, exponentCiLow, exponentCiHigh, rSquared, verdict), "p", "C_v^max").logX().logY();
        if (px.length > 0 && perP.stream().allMatch(q -> q.mean() > 0)) {
            f4.errorBars("mean +/- sd over seeds", px, perP.stream().mapToDouble(PointP::mean).toArray(),
                    perP.stream().mapToDouble(PointP::sd).toArray());
            if (!Double.isNaN(exponent)) {
                double[] ab = fit(px, perP.stream().mapToDouble(PointP::mean).toArray());
                double[] fy = new double[px.length];
                for (int i = 0; i < px.length; i++) fy[i] = Math.exp(ab[1]) * Math.pow(px[i], ab[0]);
                f4.dashed("power-law fit", px, fy);
            }
        }
        f4.save(sweepDir, "fig4");
        for (int p : fig3Ps) fig3(sweepDir, p);
    }

    /** Fig. 3 at modulus p: mean ± σ of C_v and of val accuracy against epoch over the seeds. */
    private static void fig3(Path sweepDir, int p) {
        List<List<EvalRow>> curves = new ArrayList<>();
        for (Path dir : runDirs(sweepDir)) {
            if (!dir.getParent().getFileName().toString().equals("p" + p) || !Files.exists(dir.resolve(GrokRun.METRICS))) continue;
            GrokConfig cfg;
            try {
                var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(dir.resolve(GrokRun.CONFIG).toFile());
                cfg = Json.mapper().treeToValue(stripDerived(node), GrokConfig.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            curves.add(GrokRun.readMetrics(dir.resolve(GrokRun.METRICS), cfg.layers() * cfg.heads()));
        }
        if (curves.isEmpty()) return;
        int len = curves.stream().mapToInt(List::size).min().orElse(0);
        double[] ep = new double[len], cm = new double[len], cs = new double[len], am = new double[len], as = new double[len];
        StringBuilder csv = new StringBuilder("step,epoch,cvMean,cvSd,valAccMean,valAccSd,runs\n");
        for (int i = 0; i < len; i++) {
            double[] cv = new double[curves.size()], acc = new double[curves.size()];
            for (int r = 0; r < curves.size(); r++) {
                cv[r] = curves.get(r).get(i).cv();
                acc[r] = curves.get(r).get(i).valAcc();
            }
            ep[i] = curves.get(0).get(i).epoch();
            cm[i] = mean(cv);
            cs[i] = sd(cv);
            am[i] = mean(acc);
            as[i] = sd(acc);
            csv.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%d%n", curves.get(0).get(i).step(),
                    ep[i], cm[i], cs[i], am[i], as[i], curves.size()));
        }
        AtomicFiles.writeString(sweepDir.resolve("fig3_p" + p + ".csv"), csv.toString());
        double[] lo = new double[len], hi = new double[len];
        for (int i = 0; i < len; i++) {
            lo[i] = cm[i] - cs[i];
            hi[i] = cm[i] + cs[i];
        }
        Figure f = new Figure("p = " + p + ": C_v and val accuracy (mean +/- sd over " + curves.size() + " seeds)",
                "epoch", "C_v (Eq. 28)").rightLabel("val accuracy");
        f.band("C_v +/- sd", ep, lo, hi).line("C_v", ep, cm).lineRight("val accuracy", ep, am);
        f.save(sweepDir, "fig3_p" + p);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode stripDerived(com.fasterxml.jackson.databind.node.ObjectNode n) {
        for (String k : new String[] {"provenance", "trainSize", "valSize", "effectiveBatch", "dk", "temperature", "engine"}) n.remove(k);
        return n;
    }

    /** Run directories {@code p{p}/seed{s}} under the sweep directory, sorted by p then seed. */
    static List<Path> runDirs(Path sweepDir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(sweepDir)) throw new InvalidInputException(sweepDir + " is not a directory");
        try (Stream<Path> ps = Files.list(sweepDir)) {
            for (Path pd : ps.filter(d -> d.getFileName().toString().matches("p\\d+") && Files.isDirectory(d)).toList()) {
                try (Stream<Path> ss = Files.list(pd)) {
                    out.addAll(ss.filter(d -> d.getFileName().toString().matches("seed\\d+") && Files.isDirectory(d)).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(java.util.Comparator.comparingInt((Path d) -> Integer.parseInt(d.getParent().getFileName().toString().substring(1)))
                .thenComparingLong(d -> Long.parseLong(d.getFileName().toString().substring(4))));
        return out;
    }

    private static String str(Integer v) {
        return v == null ? "" : v.toString();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double sd(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
