package io.thermoscope.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;
import io.thermoscope.decision.Estimate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Analysis across the runs of a sweep, recomputed from every finished run's {@code metrics.csv} with a stated
 * gate and window (so a changed rule needs no retraining): each run's outcome by the gate (every run counted,
 * none dropped); among the runs that grok, how often C_v and each control have a peak inside the plateau, where
 * (φ), and how often C_v's peak is not accompanied by any control's (|Δφ| within the window's coincidence); and the
 * scaling of C_v^max (the "=" query's, Eq. 28) and of the proxy's maximum against p — or against the number of
 * operands k when the sweep varies k.
 *
 * @param gate         the grokking gate applied
 * @param window       the plateau window applied
 * @param runs         one record per finished run, in sweep order
 * @param outcomes     how many runs have each outcome
 * @param grokking     runs that grok by the gate
 * @param precursors   per observable: among grokking runs, how many show a plateau peak, and where
 * @param cvPeaks      grokking runs with a plateau peak of C_v of the "=" query
 * @param unexplainedPeaks of those, runs with no control's peak within the coincidence window
 * @param unexplained  unexplainedPeaks / cvPeaks with its 95 % Wilson interval
 * @param coincidences per control: among those C_v-peak runs, how many have that control's peak within the window
 * @param variable     the scaling variable ("p" or "k")
 * @param cvScaling    C_v^max of the "=" query against the variable
 * @param proxyScaling the proxy's maximum against the variable
 */
public record SweepAnalysis(GrokGate gate, PlateauWindow window, List<RunRecord> runs, Map<Outcome, Integer> outcomes,
                            int grokking, List<ObservableStats> precursors, int cvPeaks, int unexplainedPeaks,
                            Estimate unexplained,
                            Map<Observable, Integer> coincidences, String variable, PowerLawFit cvScaling,
                            PowerLawFit proxyScaling) {

    /** Confidence of every interval. */
    public static final double CONFIDENCE = 0.95;

    /**
     * One run.
     *
     * @param p        modulus
     * @param operands k
     * @param seed     seed
     * @param keys     keys of the "=" query (k + 1)
     * @param cvBound  Eq. 28's bound B(keys) on the "=" query's C_v
     * @param analysis the gate's analysis of its curves
     */
    public record RunRecord(int p, int operands, long seed, int keys, double cvBound, RunAnalysis analysis) {}

    /**
     * How often one observable peaks inside the plateau of the grokking runs.
     *
     * @param observable the observable
     * @param found      grokking runs with a counted plateau peak
     * @param share      found / grokking runs, with its 95 % Wilson interval
     * @param phiMean    mean φ of those peaks (NaN: none)
     * @param phiMin     smallest φ
     * @param phiMax     largest φ
     */
    public record ObservableStats(Observable observable, int found, Estimate share, double phiMean, double phiMin, double phiMax) {}

    /** Reads every finished run under {@code sweepDir} and analyses them. */
    public static SweepAnalysis analyse(Path sweepDir, GrokGate gate, PlateauWindow window) {
        return of(readRuns(sweepDir), gate, window);
    }

    /** Every finished run under {@code sweepDir} ({@code [k{k}/]p{p}/seed{s}} with a summary.json), sorted. */
    public static List<RunData> readRuns(Path sweepDir) {
        List<RunData> data = new ArrayList<>();
        for (Path dir : runDirs(sweepDir)) {
            if (Files.exists(dir.resolve(BatchRun.SUMMARY))) data.add(RunData.read(dir));
        }
        if (data.isEmpty()) throw new InvalidInputException(sweepDir + " holds no finished runs (p*/seed*/summary.json)");
        return data;
    }

    /**
     * A run's configuration and evaluation rows.
     *
     * @param config its configuration
     * @param rows   its evaluations
     */
    public record RunData(GrokConfig config, List<EvalRow> rows) {
        /** Reads {@code dir/config.json} and {@code dir/metrics.csv}. */
        public static RunData read(Path dir) {
            GrokConfig cfg;
            try {
                JsonNode n = BatchRun.stripDerived(Json.mapper().readTree(dir.resolve(BatchRun.CONFIG).toFile()));
                cfg = Json.mapper().treeToValue(n, GrokConfig.class);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read " + dir.resolve(BatchRun.CONFIG) + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            List<EvalRow> rows = GrokRun.readMetrics(dir.resolve(BatchRun.METRICS), cfg.model().layers() * cfg.model().heads());
            if (rows.isEmpty()) throw new InvalidInputException(dir.resolve(BatchRun.METRICS) + " holds no evaluations");
            return new RunData(cfg, rows);
        }
    }

    /** The analysis of the given runs. */
    public static SweepAnalysis of(List<RunData> data, GrokGate gate, PlateauWindow window) {
        List<RunRecord> runs = new ArrayList<>();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) outcomes.put(o, 0);
        for (RunData d : data) {
            GrokConfig c = d.config();
            int keys = c.task().sequenceLength();
            RunAnalysis a = RunAnalysis.of(d.rows(), gate, window);
            runs.add(new RunRecord(c.p(), c.task().operands(), c.seed(), keys,
                    io.thermoscope.ensemble.SpecificHeatBound.maximum(keys), a));
            outcomes.merge(a.outcome(), 1, Integer::sum);
        }
        List<RunRecord> grok = runs.stream().filter(r -> r.analysis().outcome() == Outcome.GROKS).toList();
        List<ObservableStats> precursors = new ArrayList<>();
        for (Observable o : Observable.values()) {
            List<Double> phis = new ArrayList<>();
            for (RunRecord r : grok) {
                RunAnalysis.PlateauPeak pk = r.analysis().peak(o);
                if (pk != null && pk.found()) phis.add(pk.phi());
            }
            double mean = phis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            precursors.add(new ObservableStats(o, phis.size(), Estimate.proportion(phis.size(), grok.size(), CONFIDENCE, "runs that grok"),
                    mean, phis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    phis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        }
        Map<Observable, Integer> coincidences = new EnumMap<>(Observable.class);
        int withCv = 0, alone = 0;
        for (Observable o : Observable.values()) if (o.control()) coincidences.put(o, 0);
        for (RunRecord r : grok) {
            RunAnalysis.PlateauPeak cv = r.analysis().peak(Observable.CV_ANSWER);
            if (cv == null || !cv.found()) continue;
            withCv++;
            boolean explained = false;
            for (Observable o : coincidences.keySet()) {
                RunAnalysis.PlateauPeak pk = r.analysis().peak(o);
                if (pk != null && pk.found() && Math.abs(pk.phi() - cv.phi()) <= window.coincidence()) {
                    coincidences.merge(o, 1, Integer::sum);
                    explained = true;
                }
            }
            if (!explained) alone++;
        }
        Estimate unexplained = Estimate.proportion(alone, withCv, CONFIDENCE, "runs with a C_v plateau peak");
        boolean overK = runs.stream().map(RunRecord::operands).distinct().count() > 1;
        Map<Double, List<Double>> cv = new TreeMap<>(), proxy = new TreeMap<>();
        for (RunRecord r : runs) {
            double x = overK ? r.operands() : r.p();
            cv.computeIfAbsent(x, q -> new ArrayList<>()).add(r.analysis().cvAnswerMax());
            proxy.computeIfAbsent(x, q -> new ArrayList<>()).add(r.analysis().cvProxyMax());
        }
        String variable = overK ? "k" : "p";
        return new SweepAnalysis(gate, window, List.copyOf(runs), outcomes, grok.size(), List.copyOf(precursors),
                withCv, alone, unexplained, coincidences, variable, PowerLawFit.of(variable, cv), PowerLawFit.of(variable, proxy));
    }

    /** The statistics of one observable. */
    public ObservableStats precursor(Observable o) {
        for (ObservableStats s : precursors) if (s.observable() == o) return s;
        throw new IllegalArgumentException(o.name());
    }

    /** Run directories under the sweep directory ({@code [k{k}/]p{p}/seed{s}}), sorted by k, p, seed. */
    static List<Path> runDirs(Path sweepDir) {
        if (!Files.isDirectory(sweepDir)) throw new InvalidInputException(sweepDir + " is not a directory");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(sweepDir, 3)) {
            all.filter(d -> Files.isDirectory(d) && d.getFileName().toString().matches("seed\\d+")
                            && d.getParent().getFileName().toString().matches("p\\d+"))
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(java.util.Comparator.comparingInt((Path d) -> operandsOf(sweepDir, d))
                .thenComparingInt(d -> Integer.parseInt(d.getParent().getFileName().toString().substring(1)))
                .thenComparingLong(d -> Long.parseLong(d.getFileName().toString().substring(4))));
        return out;
    }

    private static int operandsOf(Path sweepDir, Path runDir) {
        Path kp = runDir.getParent().getParent();
        if (kp.equals(sweepDir) || !kp.getFileName().toString().matches("k\\d+")) return 2;
        return Integer.parseInt(kp.getFileName().toString().substring(1));
    }
}
