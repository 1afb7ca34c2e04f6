package io.thermoscope.reproduce;

import io.thermoscope.io.AtomicFiles;
import io.thermoscope.langevin.CvPeak;
import io.thermoscope.langevin.CwPotential;
import io.thermoscope.langevin.FieldKind;
import io.thermoscope.langevin.LangevinConfig;
import io.thermoscope.langevin.QuasiStaticProtocol;
import io.thermoscope.langevin.StationaryLaw;
import io.thermoscope.langevin.SweepProtocol;
import io.thermoscope.langevin.Trajectory;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;
import io.thermoscope.report.Verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fig. 2: overdamped Langevin in the Coleman–Weinberg potential (Eqs. 37–38), α swept from 1 to −3. Both the paper's
 * non-equilibrium sweep and a quasi-static sweep are run, and both are compared with the exact equilibrium C_v(α).
 */
public final class LangevinStage implements Stage {
    static final double ALPHA_FROM = 1, ALPHA_TO = -3, BETA = 1, V = 1, NOISE = 0.1;

    @Override
    public String id() {
        return "langevin";
    }

    @Override
    public String title() {
        return "Langevin C_v in the Coleman–Weinberg potential";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 8;
    }

    int walkers(ReproductionConfig c) {
        return c.full() ? 100_000 : 40_000;
    }

    @Override
    public String key(ReproductionConfig config) {
        return "v2 walkers=" + walkers(config) + " seed=" + config.seed();
    }

    @Override
    public Claim run(StageContext ctx) {
        var cfg = new LangevinConfig(FieldKind.REAL, new CwPotential(BETA, V), NOISE, LangevinConfig.PAPER_DT,
                walkers(ctx.config()), ctx.seed("langevin"), Runtime.getRuntime().availableProcessors());
        SweepProtocol sweep = new SweepProtocol(ALPHA_FROM, ALPHA_TO, 10, 2, 4, 5); // the langevin command's defaults
        QuasiStaticProtocol quasi = new QuasiStaticProtocol(ALPHA_FROM, ALPHA_TO, 21, 1.5, 1.0, 5);
        double total = sweep.walkerSteps(cfg) + quasi.walkerSteps(cfg);
        Trajectory sw = sweep.run(cfg, (done, all) -> ctx.progress().update(done / total, "sweep"));
        double base = sweep.walkerSteps(cfg);
        Trajectory qs = quasi.run(cfg, (done, all) -> ctx.progress().update((base + done) / total, "quasi-static"));
        Optional<CvPeak> ps = CvPeak.find(sw, odd(sw.size() / 50)), pq = CvPeak.find(qs, 3);
        // exact equilibrium C_v(α) of exp(−V/D) on a fine α grid
        int m = 201;
        double[] ag = new double[m], eq = new double[m];
        for (int i = 0; i < m; i++) {
            ag[i] = ALPHA_FROM + (ALPHA_TO - ALPHA_FROM) * i / (m - 1);
            eq[i] = StationaryLaw.of(cfg.field(), cfg.potential(), ag[i], NOISE).cv();
        }
        int eqPeak = 0;
        for (int i = 1; i < m; i++) if (eq[i] > eq[eqPeak]) eqPeak = i;
        StringBuilder csv = new StringBuilder("protocol,t,alpha,meanV,varV,cv,meanAbsPhi\n");
        for (var e : Map.of("sweep", sw, "quasistatic", qs).entrySet()) {
            Trajectory tr = e.getValue();
            for (int i = 0; i < tr.size(); i++) {
                csv.append(String.format(Locale.ROOT, "%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g%n", e.getKey(), tr.t()[i], tr.alpha()[i],
                        tr.meanV()[i], tr.varV()[i], tr.cv()[i], tr.meanAbsPhi()[i]));
            }
        }
        AtomicFiles.writeString(ctx.dir().resolve("timeseries.csv"), csv.toString());
        new Figure("Specific heat C_v = Var(V)/D² while α is lowered (Fig. 2)", "α", "C_v")
                .line("sweep (paper's protocol)", sw.alpha(), sw.cv()).points("quasi-static", qs.alpha(), qs.cv())
                .dashed("exact equilibrium", ag, eq).save(ctx.dir(), "langevin-cv");
        new Figure("Sweep protocol: C_v(t) while α falls from 1 to −3 over t ∈ [0, 10], then held", "t", "C_v")
                .line("C_v (sweep)", sw.t(), sw.cv()).lineRight("α(t)", sw.t(), sw.alpha()).rightLabel("α")
                .vline(10, "sweep ends").save(ctx.dir(), "langevin-cv-time");

        double eqMax = eq[eqPeak];
        Map<String, String> n = new LinkedHashMap<>();
        n.put("walkers, dt, D, β, v", cfg.walkers() + ", " + cfg.dt() + ", " + NOISE + ", " + BETA + ", " + V);
        n.put("sweep: C_v peak (prominence, α)", ps.map(p -> Evidence.num(p.cv()) + " (" + Evidence.num(p.prominence()) + ", α = "
                + Evidence.num(p.alpha()) + ")").orElse("no peak"));
        n.put("quasi-static: C_v peak (prominence, α)", pq.map(p -> Evidence.num(p.cv()) + " (" + Evidence.num(p.prominence())
                + ", α = " + Evidence.num(p.alpha()) + ")").orElse("no peak"));
        n.put("exact equilibrium: max C_v (α)", Evidence.num(eqMax) + " (α = " + Evidence.num(ag[eqPeak]) + ")");
        boolean sweepPeak = ps.isPresent() && ps.get().prominence() > 5 * nz(ps.get().noise());
        boolean quasiPeak = pq.isPresent() && pq.get().prominence() > 5 * nz(pq.get().noise());
        Verdict v = sweepPeak ? Verdict.HOLDS : ps.isEmpty() ? Verdict.DOES_NOT_HOLD : Verdict.INCONCLUSIVE;
        String evidence = String.format(Locale.ROOT,
                "Under the paper's sweep C_v %s; quasi-statically C_v %s; the exact equilibrium C_v(α) peaks at %s. "
                        + "A sweep peak well above the equilibrium curve is a non-equilibrium lag (the walkers cannot follow "
                        + "the moving minimum), not a divergence: its height depends on the sweep rate.",
                ps.map(p -> "peaks at " + Evidence.num(p.cv()) + " (α = " + Evidence.num(p.alpha()) + ")").orElse("shows no peak"),
                pq.map(p -> "peaks at " + Evidence.num(p.cv()) + " (α = " + Evidence.num(p.alpha()) + ")").orElse("shows no peak"),
                Evidence.num(eqMax));
        return new Claim(id(), "C_v peaks in the Langevin model (Fig. 2)", "§VI.A, Eqs. 37–38, Fig. 2", v,
                "holds if the sweep's smoothed C_v has a peak with prominence > 5× the scatter of C_v about its smoothed "
                        + "curve; does not hold if C_v is monotone" + (quasiPeak ? "" : "; the quasi-static result is reported beside it"),
                evidence, n, List.of(Evidence.figure(ctx, "langevin-cv-time", "C_v(t) under the paper's sweep, then held at α = −3"),
                Evidence.figure(ctx, "langevin-cv", "C_v against α: sweep, quasi-static and exact equilibrium")));
    }

    private static double nz(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    private static int odd(int n) {
        int k = Math.max(1, n);
        return k % 2 == 0 ? k + 1 : k;
    }
}
