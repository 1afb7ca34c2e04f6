package io.thermoscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermoscope.Budget;
import io.thermoscope.InvalidInputException;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.langevin.CvPeak;
import io.thermoscope.langevin.CwPotential;
import io.thermoscope.langevin.FieldKind;
import io.thermoscope.langevin.LangevinConfig;
import io.thermoscope.langevin.QuasiStaticProtocol;
import io.thermoscope.langevin.StationaryLaw;
import io.thermoscope.langevin.SweepProtocol;
import io.thermoscope.langevin.Trajectory;
import io.thermoscope.peaks.PeakFinder;
import io.thermoscope.plot.Figure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code thermoscope langevin}: the paper's Langevin simulation of the order parameter (§VI.A, Fig. 2). */
@Command(name = "langevin", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Overdamped Langevin ensemble dPhi = -grad V dt + sqrt(2D) dW (Eq. 37, Euler-Maruyama) in the",
                "Coleman-Weinberg potential V = alpha Phi^2 + beta Phi^2 ln(Phi^2/v^2) (Eq. 38), alpha swept from",
                "--alpha-from to --alpha-to. Protocols: 'sweep' (the paper's: linear in time over --t-end) and",
                "'quasistatic' (equilibrate, then measure, at each of --levels alpha values). C_v = Var(V)/D^2.",
                "Writes DIR/timeseries.csv (all protocols; column 'protocol' first), DIR/summary.json (one entry",
                "per protocol under 'protocols'; with a single protocol its fields are also at the top level) and",
                "DIR/langevin.svg/.png (C_v against alpha, with the exact equilibrium curve) and, for the sweep,",
                "DIR/langevin-time.svg/.png (C_v against t, alpha(t) on the right axis: the paper's Fig. 2 view).",
                "Defaults (7e8 walker-steps, ~7 s on 2 idle cores): real field, beta = v = 1, D = 0.1, 1e5 walkers,",
                "alpha 1 -> -3; sweep over t = 10 (after 2 time units of burn-in at A0), then held 5 at A1;",
                "quasi-static: 21 levels, each 1.5 to equilibrate + 1.0 measured. The exact equilibrium C_v of",
                "this potential has only a shallow maximum (real field ~0.547 vs 1/2; complex: none); a fast sweep",
                "gives a large C_v peak that is a non-equilibrium lag effect, growing with the sweep rate."},
        footer = {"", "Example:",
                "  thermoscope langevin --field complex --noise 0.1 --protocol both --seed 1 --out results/langevin"})
public final class LangevinCommand implements Callable<Integer> {
    /** Which protocol(s) to run. */
    public enum Protocol { sweep, quasistatic, both }

    @Spec
    CommandSpec spec;

    @Option(names = "--field", defaultValue = "real", description = "real | complex (default ${DEFAULT-VALUE}).")
    String field = "real";

    @Option(names = "--alpha-from", defaultValue = "1.0", paramLabel = "A0", description = "Initial alpha (default ${DEFAULT-VALUE}).")
    double alphaFrom = 1.0;

    @Option(names = "--alpha-to", defaultValue = "-3.0", paramLabel = "A1", description = "Final alpha (default ${DEFAULT-VALUE}).")
    double alphaTo = -3.0;

    @Option(names = "--beta", defaultValue = "1.0", paramLabel = "B", description = "Log-term strength beta >= 0 (default ${DEFAULT-VALUE}).")
    double beta = 1.0;

    @Option(names = "--v", defaultValue = "1.0", paramLabel = "V", description = "Scale v > 0 in ln(Phi^2/v^2) (default ${DEFAULT-VALUE}).")
    double v = 1.0;

    @Option(names = "--noise", defaultValue = "0.1", paramLabel = "D", description = "Noise strength D = temperature of exp(-V/D) (default ${DEFAULT-VALUE}).")
    double noise = 0.1;

    @Option(names = "--walkers", defaultValue = "100000", paramLabel = "M", description = "Ensemble size (default ${DEFAULT-VALUE}).")
    int walkers = LangevinConfig.DEFAULT_WALKERS;

    @Option(names = "--dt", defaultValue = "0.01", paramLabel = "DT", description = "Euler-Maruyama step (default ${DEFAULT-VALUE}, the paper's).")
    double dt = LangevinConfig.PAPER_DT;

    @Option(names = "--t-end", defaultValue = "10", paramLabel = "T", description = "Sweep duration (default ${DEFAULT-VALUE}).")
    double tEnd = 10;

    @Option(names = "--hold", defaultValue = "5", paramLabel = "T", description = "Sweep: time held at A1 after the sweep, to watch the relaxation (default ${DEFAULT-VALUE}).")
    double hold = 5;

    @Option(names = "--burn-in", defaultValue = "2", paramLabel = "T", description = "Sweep: equilibration at A0 before t = 0 (default ${DEFAULT-VALUE}).")
    double burnIn = 2;

    @Option(names = "--protocol", defaultValue = "both", description = "sweep | quasistatic | both (default ${DEFAULT-VALUE}).")
    Protocol protocol = Protocol.both;

    @Option(names = "--levels", defaultValue = "21", paramLabel = "K", description = "Quasi-static: number of alpha levels (default ${DEFAULT-VALUE}).")
    int levels = 21;

    @Option(names = "--equilibration", defaultValue = "1.5", paramLabel = "T", description = "Quasi-static: time held at each level before measuring (default ${DEFAULT-VALUE}).")
    double equilibration = 1.5;

    @Option(names = "--measure", defaultValue = "1.0", paramLabel = "T", description = "Quasi-static: measuring time per level, snapshots every 5 steps (default ${DEFAULT-VALUE}).")
    double measure = 1.0;

    @Option(names = "--rows", defaultValue = "400", paramLabel = "N", description = "Sweep: about this many output rows (default ${DEFAULT-VALUE}).")
    int rows = 400;

    @Option(names = "--smooth", paramLabel = "W", description = "Odd moving-average window for the peak search (default: sweep ~rows/50, quasistatic 3).")
    Integer smooth;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors); results do not depend on it.")
    Integer threads;

    @Option(names = "--out", converter = OutputPath.Directory.class, required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    /** One protocol's trajectory and its analysis. */
    record Run(String name, Trajectory trajectory, double[] cvEquilibrium, int window, Optional<CvPeak> peak,
               double seconds) {}

    @Override
    public Integer call() throws Exception {
        FieldKind kind = switch (field.toLowerCase(Locale.ROOT)) {
            case "real" -> FieldKind.REAL;
            case "complex" -> FieldKind.COMPLEX;
            default -> throw new InvalidInputException("--field must be real or complex, got " + field);
        };
        InvalidInputException.requireFinite("--alpha-from", alphaFrom);
        InvalidInputException.requireFinite("--alpha-to", alphaTo);
        if (rows < 2) {
            throw new InvalidInputException("--rows must be >= 2, got " + rows);
        }
        if (smooth != null && (smooth < 1 || smooth % 2 == 0)) {
            throw new InvalidInputException("--smooth must be an odd integer >= 1, got " + smooth);
        }
        if (threads != null && (threads < 1 || threads > 256)) {
            throw new InvalidInputException("--threads must be between 1 and 256, got " + threads);
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        var cfg = new LangevinConfig(kind, new CwPotential(beta, v), noise, dt, walkers, seed, nThreads);
        SweepProtocol sweep = null;
        QuasiStaticProtocol quasi = null;
        long total = 0;
        if (protocol != Protocol.quasistatic) {
            InvalidInputException.requirePositive("--dt", dt);
            long steps = Math.round((tEnd + hold) / dt);
            int stride = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (steps + rows - 1) / rows));
            sweep = new SweepProtocol(alphaFrom, alphaTo, tEnd, burnIn, stride, hold);
            total += sweep.walkerSteps(cfg);
        }
        if (protocol != Protocol.sweep) {
            quasi = new QuasiStaticProtocol(alphaFrom, alphaTo, levels, equilibration, measure, 5);
            total += quasi.walkerSteps(cfg);
        }
        // refuse up front what this machine cannot afford: ~5e7 walker-steps per second per core (7e8 in ~7 s on 2)
        double steps = (protocol != Protocol.quasistatic ? (tEnd + hold + Math.max(0, burnIn)) / dt : 0)
                + (protocol != Protocol.sweep ? Math.max(levels, 0) * (equilibration + measure) / dt : 0);
        String what = String.format(Locale.ROOT, "langevin with %d walkers over %.3g steps", walkers, steps);
        Budget.requireMemory(what, 8.0 * 4 * walkers + 80.0 * Math.min(steps, rows + 5.0 * levels));
        Budget.requireTime(what, walkers * steps / (5e7 * Math.min(nThreads, Budget.cores())));
        // the stationary law is normalisable only for beta > 0 or alpha > 0 everywhere
        boolean equilibriumDefined = beta > 0 || Math.min(alphaFrom, alphaTo) > 0;
        PrintWriter err = spec.commandLine().getErr();
        List<Run> runs = new ArrayList<>();
        try (ProgressBar bar = ProgressBar.onStderr("langevin", total, err)) {
            long offset = 0;
            if (sweep != null) {
                final long base = offset;
                long t0 = System.nanoTime();
                Trajectory tr = sweep.run(cfg, (done, all) -> bar.update(base + done, "sweep"));
                runs.add(analyse("sweep", tr, cfg, equilibriumDefined,
                        smooth != null ? smooth : oddAtLeast(tr.size() / 50), (System.nanoTime() - t0) * 1e-9));
                offset += sweep.walkerSteps(cfg);
            }
            if (quasi != null) {
                final long base = offset;
                long t0 = System.nanoTime();
                Trajectory tr = quasi.run(cfg, (done, all) -> bar.update(base + done, "quasistatic"));
                runs.add(analyse("quasistatic", tr, cfg, equilibriumDefined, smooth != null ? smooth : 3,
                        (System.nanoTime() - t0) * 1e-9));
            }
            bar.finish(String.format(Locale.ROOT, "%.3g walker-steps", (double) total));
        }
        writeCsv(runs);
        ObjectNode summary = summary(runs, cfg, total);
        Output.json(summary, seed, out.resolve("summary.json"), null);
        plot(runs, kind);
        PrintWriter w = spec.commandLine().getOut();
        for (Run r : runs) {
            w.println(r.peak().map(p -> String.format(Locale.ROOT,
                    "%-11s C_v peak %.4f at alpha = %.3f (t = %.2f), prominence %.4f, scatter %.4f%s; %.1f s",
                    r.name(), p.cv(), p.alpha(), p.t(), p.prominence(), p.noise(),
                    p.prominence() > 5 * (Double.isNaN(p.noise()) ? 0 : p.noise()) ? "" : " (NOT resolved: < 5x scatter)",
                    r.seconds()))
                    .orElse(String.format(Locale.ROOT, "%-11s no C_v peak (monotone); %.1f s", r.name(), r.seconds())));
        }
        w.println("wrote " + out.resolve("timeseries.csv") + ", summary.json, langevin[-time].svg/.png");
        w.flush();
        return 0;
    }

    private static String num(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private static int oddAtLeast(int n) {
        int k = Math.max(1, n);
        return k % 2 == 0 ? k + 1 : k;
    }

    private static Run analyse(String name, Trajectory tr, LangevinConfig cfg, boolean equilibriumDefined, int window,
                               double seconds) {
        for (int i = 0; i < tr.size(); i++) {
            if (!(Double.isFinite(tr.cv()[i]) && Double.isFinite(tr.meanV()[i]))) {
                throw new InvalidInputException(String.format(Locale.ROOT, "the %s diverged at t = %.4g: the walkers "
                        + "left the double range, so --dt %s is too large a step for this potential (the paper's is "
                        + "0.01)", name, tr.t()[i], num(cfg.dt())));
            }
        }
        double[] eq = new double[tr.size()];
        for (int i = 0; i < eq.length; i++) {
            eq[i] = equilibriumDefined
                    ? StationaryLaw.of(cfg.field(), cfg.potential(), tr.alpha()[i], cfg.noise()).cv() : Double.NaN;
        }
        int w = Math.min(window, tr.size() % 2 == 0 ? tr.size() - 1 : tr.size());
        return new Run(name, tr, eq, w, CvPeak.find(tr, w), seconds);
    }

    private void writeCsv(List<Run> runs) {
        StringBuilder sb = new StringBuilder(
                "protocol,t,alpha,meanV,varV,cv,meanAbsPhi,meanPhiSq,cvSmoothed,cvEquilibrium\n");
        for (Run r : runs) {
            Trajectory tr = r.trajectory();
            double[] smoothed = PeakFinder.smooth(tr.cv(), r.window());
            for (int i = 0; i < tr.size(); i++) {
                sb.append(r.name());
                for (double x : new double[] {tr.t()[i], tr.alpha()[i], tr.meanV()[i], tr.varV()[i], tr.cv()[i],
                        tr.meanAbsPhi()[i], tr.meanPhiSq()[i], smoothed[i], r.cvEquilibrium()[i]}) {
                    sb.append(',').append(String.format(Locale.ROOT, "%.17g", x));
                }
                sb.append('\n');
            }
        }
        AtomicFiles.writeString(out.resolve("timeseries.csv"), sb.toString());
    }

    private ObjectNode summary(List<Run> runs, LangevinConfig cfg, long walkerSteps) {
        ObjectNode root = Json.object();
        root.put("protocol", protocol.name());
        ObjectNode params = root.putObject("parameters");
        params.put("field", cfg.field().name().toLowerCase(Locale.ROOT));
        params.put("alphaFrom", alphaFrom);
        params.put("alphaTo", alphaTo);
        params.put("beta", beta);
        params.put("v", v);
        params.put("noise", noise);
        params.put("walkers", walkers);
        params.put("dt", dt);
        params.put("tEnd", tEnd);
        params.put("burnIn", burnIn);
        params.put("hold", hold);
        params.put("levels", levels);
        params.put("equilibration", equilibration);
        params.put("measure", measure);
        params.put("threads", cfg.threads());
        params.put("walkerSteps", walkerSteps);
        root.put("cvDefinition", "C_v = Var(V)/D^2 over the walkers (sample variance, M-1); peak found on the"
                + " C_v curve smoothed by a centred moving average; cvEquilibrium = exact Var(V)/D^2 of exp(-V/D)");
        var list = root.putArray("protocols");
        for (Run r : runs) {
            ObjectNode o = list.addObject();
            fill(o, r);
        }
        if (runs.size() == 1) {
            fill(root, runs.get(0));
        }
        return root;
    }

    private static void fill(ObjectNode o, Run r) {
        Trajectory tr = r.trajectory();
        o.put("protocol", r.name());
        o.put("peakFound", r.peak().isPresent());
        CvPeak p = r.peak().orElse(null);
        o.put("peakT", p == null ? Double.NaN : p.t());
        o.put("peakAlpha", p == null ? Double.NaN : p.alpha());
        o.put("peakCv", p == null ? Double.NaN : p.cv());
        o.put("prominence", p == null ? Double.NaN : p.prominence());
        // a peak counts as resolved when its prominence exceeds 5x the point-to-point scatter of C_v
        o.put("peakResolved", p != null && p.prominence() > 5 * (Double.isNaN(p.noise()) ? 0 : p.noise()));
        o.put("peakWidthT", p == null ? Double.NaN : p.widthT());
        o.put("peakCvRaw", p == null ? Double.NaN : p.rawCv());
        o.put("cvScatter", p == null ? Double.NaN : p.noise());
        o.put("smoothingWindow", r.window());
        o.put("cvStart", tr.cv()[0]);
        o.put("cvEnd", tr.cv()[tr.size() - 1]);
        int best = 0;
        double[] eq = r.cvEquilibrium();
        for (int i = 1; i < eq.length; i++) {
            if (eq[i] > eq[best]) {
                best = i;
            }
        }
        o.put("equilibriumMaxCv", eq[best]);
        o.put("equilibriumMaxAlpha", tr.alpha()[best]);
        o.put("rows", tr.size());
        o.put("seconds", r.seconds());
    }

    private void plot(List<Run> runs, FieldKind kind) {
        Figure fig = new Figure(String.format(Locale.ROOT, "Langevin C_v (%s field, beta=%s, v=%s, D=%s, %d walkers, dt=%s)",
                kind.name().toLowerCase(Locale.ROOT), num(beta), num(v), num(noise), walkers, num(dt)), "alpha",
                "C_v = Var(V)/D^2");
        fig.rightLabel("<|Phi|>");
        boolean eqDone = false;
        for (Run r : runs) {
            Trajectory tr = r.trajectory();
            if (r.name().equals("sweep")) {
                fig.line("sweep C_v", tr.alpha(), tr.cv());
                fig.line("sweep C_v (smoothed, w=" + r.window() + ")", tr.alpha(), PeakFinder.smooth(tr.cv(), r.window()));
                fig.lineRight("sweep <|Phi|>", tr.alpha(), tr.meanAbsPhi());
            } else {
                fig.points("quasi-static C_v", tr.alpha(), tr.cv());
            }
            if (!eqDone && !Double.isNaN(r.cvEquilibrium()[0])) {
                fig.dashed("equilibrium C_v (exact, dt -> 0)", tr.alpha(), r.cvEquilibrium());
                eqDone = true;
            }
            r.peak().ifPresent(p -> fig.vline(p.alpha(), r.name() + " peak"));
        }
        fig.save(out, "langevin");
        for (Run r : runs) {
            if (!r.name().equals("sweep")) {
                continue;
            }
            // Fig. 2 style: C_v against time along the sweep, alpha(t) on the right-hand axis
            Trajectory tr = r.trajectory();
            Figure time = new Figure(String.format(Locale.ROOT, "Langevin sweep: C_v(t) (%s field, D=%s, alpha %s -> %s over t=%s%s)",
                    kind.name().toLowerCase(Locale.ROOT), num(noise), num(alphaFrom), num(alphaTo), num(tEnd),
                    hold > 0 ? ", then held " + num(hold) : ""), "t", "C_v = Var(V)/D^2");
            time.rightLabel("alpha(t)");
            time.line("sweep C_v", tr.t(), tr.cv());
            time.line("smoothed (w=" + r.window() + ")", tr.t(), PeakFinder.smooth(tr.cv(), r.window()));
            if (!Double.isNaN(r.cvEquilibrium()[0])) {
                time.dashed("equilibrium C_v at alpha(t)", tr.t(), r.cvEquilibrium());
            }
            time.lineRight("alpha(t)", tr.t(), tr.alpha());
            r.peak().ifPresent(p -> time.vline(p.t(), "peak"));
            time.save(out, "langevin-time");
        }
    }
}
