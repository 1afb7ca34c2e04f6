package io.thermoscope.reproduce;

import io.thermoscope.InvalidInputException;
import io.thermoscope.decision.BoundRule;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.Numbers;
import io.thermoscope.decision.Rule;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;
import io.thermoscope.stats.ClusterBootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Eq. 27: "training acts as simulated annealing" — T_eff = √d_k/(‖W_Q‖‖W_K‖) falls as the weights grow. Tested on the
 * training runs of the grokking sweep ({@link GrokkingStage}), phase by phase, because with weight decay the weights
 * grow while the model memorises and shrink while it generalises: per run, the change of ln T_eff over the
 * memorisation phase (first evaluation → training accuracy ≥ {@code memorised}) and over the generalisation phase
 * (training accuracy ≥ {@code memorised} → validation accuracy ≥ {@code generalised}), averaged over runs with a
 * bootstrap over runs (not over the correlated evaluations inside a run). C_v is shown against T_eff (Eq. 28 is
 * written as C_v(T_eff)).
 *
 * <p>Reads each run's {@code metrics.csv} by column name: {@code step}, {@code trainAcc}, {@code valAcc}, {@code tEff}
 * (head-averaged T_eff), {@code cvAnswer} (C_v of the "=" query, head-averaged), and {@code weightNorm} when present.
 */
public final class AnnealingStage implements Stage {
    /** Columns the stage reads from a run's metrics.csv. */
    static final List<String> COLUMNS = List.of("step", "trainAcc", "valAcc", "tEff", "cvAnswer");

    @Override
    public String id() {
        return "annealing";
    }

    @Override
    public String title() {
        return "T_eff during training, phase by phase (Eq. 27)";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 0.2;
    }

    /**
     * What the result depends on.
     *
     * @param sweep       the training sweep it reads
     * @param memorised   training accuracy that ends the memorisation phase
     * @param generalised validation accuracy that ends the generalisation phase
     * @param resamples   bootstrap resamples over runs
     */
    record Params(GrokkingStage.SweepParams sweep, double memorised, double generalised, int resamples) {
    }

    static final double MEMORISED = 0.99, GENERALISED = 0.99;

    static final BoundRule MEMORISATION = new BoundRule("the change of ln T_eff from the first evaluation to training "
            + "accuracy ≥ " + Numbers.constant(MEMORISED) + " (memorisation), mean over runs", BoundRule.Side.BELOW, 0, 0.95, 3, "runs");

    static final BoundRule GENERALISATION = new BoundRule("the change of ln T_eff from training accuracy ≥ "
            + Numbers.constant(MEMORISED) + " to validation accuracy ≥ " + Numbers.constant(GENERALISED)
            + " (generalisation), mean over runs", BoundRule.Side.BELOW, 0, 0.95, 3, "runs");

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(GrokkingStage.SweepParams.of(config), MEMORISED, GENERALISED, 2000);
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(MEMORISATION, GENERALISATION);
    }

    @Override
    public int version() {
        return 1;
    }

    /**
     * One run's metrics, by column.
     *
     * @param name    "p31/seed0"
     * @param columns the columns the stage reads (and weightNorm when present)
     */
    record RunMetrics(String name, Map<String, double[]> columns) {
        double[] get(String column) {
            return columns.get(column);
        }

        int size() {
            return columns.get("step").length;
        }
    }

    /**
     * One phase of one run.
     *
     * @param from      index of the evaluation that opens it
     * @param to        index of the evaluation that closes it
     * @param logChange ln T_eff(to) − ln T_eff(from)
     * @param normChange ln ‖W‖(to) − ln ‖W‖(from) (NaN without a weightNorm column)
     */
    record Phase(int from, int to, double logChange, double normChange) {
    }

    /** Reads a metrics.csv by its header: the {@link #COLUMNS} must be present (weightNorm is read if it is). */
    static RunMetrics read(String name, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (did the grokking stage finish?): " + e.getMessage(), e);
        }
        if (lines.size() < 3) throw new InvalidInputException(file + " has fewer than two evaluations");
        String[] header = lines.get(0).split(",");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.length; i++) index.put(header[i].trim(), i);
        List<String> wanted = new ArrayList<>(COLUMNS);
        if (index.containsKey("weightNorm")) wanted.add("weightNorm");
        for (String c : COLUMNS) {
            if (!index.containsKey(c)) throw new InvalidInputException(file + " has no column '" + c + "' (columns: " + lines.get(0) + ")");
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        int n = 0;
        for (String c : wanted) cols.put(c, new double[lines.size() - 1]);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            for (String c : wanted) {
                int k = index.get(c);
                try {
                    cols.get(c)[n] = Double.parseDouble(f[k]);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new InvalidInputException(file + ": malformed value of '" + c + "' in row " + (n + 1));
                }
            }
            n++;
        }
        for (Map.Entry<String, double[]> e : cols.entrySet()) e.setValue(java.util.Arrays.copyOf(e.getValue(), n));
        return new RunMetrics(name, cols);
    }

    /** First index from {@code start} at which {@code column} ≥ threshold; −1 if never. */
    static int first(double[] column, double threshold, int start) {
        for (int i = Math.max(start, 0); i < column.length; i++) if (column[i] >= threshold) return i;
        return -1;
    }

    /** The phase [from, to] of a run (null if it does not close or spans a single evaluation). */
    static Phase phase(RunMetrics r, int from, int to) {
        if (from < 0 || to <= from) return null;
        double[] t = r.get("tEff"), w = r.get("weightNorm");
        double change = Math.log(t[to]) - Math.log(t[from]); // T_eff ∝ √d_k/‖W‖² (Eq. 27): its logarithmic change
        double norm = w == null ? Double.NaN : Math.log(w[to]) - Math.log(w[from]);
        return Double.isFinite(change) ? new Phase(from, to, change, norm) : null;
    }

    /** The memorisation phase: first evaluation → training accuracy ≥ {@code memorised}. */
    static Phase memorisation(RunMetrics r, double memorised) {
        return phase(r, 0, first(r.get("trainAcc"), memorised, 0));
    }

    /** The generalisation phase: training accuracy ≥ {@code memorised} → validation accuracy ≥ {@code generalised}. */
    static Phase generalisation(RunMetrics r, double memorised, double generalised) {
        int m = first(r.get("trainAcc"), memorised, 0);
        return m < 0 ? null : phase(r, m, first(r.get("valAcc"), generalised, m));
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        ReproductionConfig c = ctx.config();
        Params p = (Params) parameters(c);
        Path sweep = GrokkingStage.sweepDir(c);
        List<RunMetrics> runs = new ArrayList<>();
        for (int prime : GrokkingStage.ps(c)) {
            for (int s = 0; s < GrokkingStage.seeds(c); s++) {
                String name = "p" + prime + "/seed" + s;
                runs.add(read(name, sweep.resolve(name).resolve("metrics.csv")));
            }
        }
        List<Phase> mem = new ArrayList<>(), gen = new ArrayList<>();
        StringBuilder csv = new StringBuilder("run,phase,fromStep,toStep,dLogTEff,dLogWeightNorm\n");
        for (RunMetrics r : runs) {
            Phase m = memorisation(r, p.memorised()), g = generalisation(r, p.memorised(), p.generalised());
            if (m != null) mem.add(m);
            if (g != null) gen.add(g);
            for (var e : Map.of("memorisation", m == null ? List.<Phase>of() : List.of(m),
                    "generalisation", g == null ? List.<Phase>of() : List.of(g)).entrySet()) {
                for (Phase ph : e.getValue()) {
                    csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.17g,%.17g%n", r.name(), e.getKey(),
                            (long) r.get("step")[ph.from()], (long) r.get("step")[ph.to()], ph.logChange(), ph.normChange()));
                }
            }
        }
        AtomicFiles.writeString(ctx.dir().resolve("teff-phases.csv"), csv.toString());
        writeFigures(ctx, runs);
        ClusterBootstrap boot = new ClusterBootstrap(p.resamples(), 0.95, ctx.seed("annealing"));
        Estimate memEst = boot.mean(mem.stream().mapToDouble(Phase::logChange).toArray(), "runs");
        Estimate genEst = boot.mean(gen.stream().mapToDouble(Phase::logChange).toArray(), "runs");
        Map<String, String> n = new LinkedHashMap<>();
        n.put("runs read (sweep " + p.sweep().preset() + ", p = " + p.sweep().ps() + " × " + p.sweep().seeds() + " seeds)",
                String.valueOf(runs.size()));
        n.put("memorisation: runs that reach training accuracy ≥ " + Numbers.constant(p.memorised()), mem.size() + " of " + runs.size());
        n.put("memorisation: Δ ln T_eff, mean [95 % CI]", memEst.text());
        n.put("memorisation: Δ ln ‖θ‖ (all parameters), mean", Evidence.num(mean(mem, Phase::normChange)));
        n.put("generalisation: runs that then reach validation accuracy ≥ " + Numbers.constant(p.generalised()), gen.size() + " of " + runs.size());
        n.put("generalisation: Δ ln T_eff, mean [95 % CI]", genEst.text());
        n.put("generalisation: Δ ln ‖θ‖ (all parameters), mean", Evidence.num(mean(gen, Phase::normChange)));
        String common = "T_eff is the head-averaged √d_k/(‖W_Q‖_F‖W_K‖_F) of Eq. 27 recorded at every evaluation of the "
                + runs.size() + " training runs of the grokking sweep (preset " + p.sweep().preset() + "); "
                + "each run contributes one change of ln T_eff per phase, and the interval is a bootstrap over runs. ";
        String memText = common + "While the model memorises, ln T_eff changes by " + memEst.text() + " and the log of the "
                + "parameter norm by " + Evidence.num(mean(mem, Phase::normChange)) + ". Eq. 27 claims annealing for the whole of "
                + "training; the next claim tests the phase after memorisation, where weight decay can shrink the weights.";
        double genNorm = mean(gen, Phase::normChange);
        String genText = common + "From memorisation to generalisation ln T_eff changes by " + genEst.text() + " and the log "
                + "of the parameter norm by " + Evidence.num(genNorm) + (genNorm < 0 ? ": the weights shrink under weight decay "
                + "while the model generalises, the phase in which \"T_eff falls as training progresses\" could fail."
                : Double.isNaN(genNorm) ? "." : ": the weights keep growing while the model generalises.");
        List<Claim.Figure> figs = List.of(Evidence.figure(ctx, "teff-vs-step", "T_eff (Eq. 27) during training, every run"),
                Evidence.figure(ctx, "cv-vs-teff", "C_v of the \"=\" query against T_eff along each run (Eq. 28 as C_v(T_eff))"));
        return List.of(
                Claim.decided(new Claim.Subject("teff-memorisation", "Training anneals: T_eff decreases while the model "
                        + "memorises (Eq. 27)", "§V.A, Eq. 27"), MEMORISATION, memEst, new Claim.Presentation(memText, n, figs)),
                Claim.decided(new Claim.Subject("teff-generalisation", "Training anneals: T_eff keeps decreasing while the "
                        + "model generalises (Eq. 27)", "§V.A, Eq. 27"), GENERALISATION, genEst, new Claim.Presentation(genText, n, figs)));
    }

    private static double mean(List<Phase> phases, java.util.function.ToDoubleFunction<Phase> f) {
        return phases.stream().mapToDouble(f).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static void writeFigures(StageContext ctx, List<RunMetrics> runs) {
        Figure t = new Figure("Effective temperature during training (Eq. 27)", "step", "T_eff = √d_k/(‖W_Q‖‖W_K‖)").logY();
        Figure cv = new Figure("C_v against the effective temperature along each run", "T_eff", "C_v (Eq. 28)").logX();
        for (RunMetrics r : runs) {
            t.line(r.name(), r.get("step"), r.get("tEff"));
            cv.line(r.name(), r.get("tEff"), r.get("cvAnswer"));
        }
        t.save(ctx.dir(), "teff-vs-step");
        cv.save(ctx.dir(), "cv-vs-teff");
    }
}
