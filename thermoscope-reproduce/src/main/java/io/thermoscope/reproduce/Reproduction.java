package io.thermoscope.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;
import io.thermoscope.report.Claim;
import io.thermoscope.report.HtmlReport;
import io.thermoscope.decision.Verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the stages in order, each into its own directory, and assembles {@code report.html}, {@code claims.json} and
 * {@code claims.csv}. Resumable: a stage that finished (its {@code stage.json} written last, atomically) with the same
 * {@link StageKey} is reused; an interrupted stage leaves only complete files and is recomputed. A stage that throws
 * is reported with the verdict "failed" and its error, is not recorded as finished, and the run goes on.
 */
public final class Reproduction {

    /**
     * The outcome of a run.
     *
     * @param claims  one tested claim per stage
     * @param report  the HTML report
     * @param seconds wall time of this invocation
     */
    public record Outcome(List<Claim> claims, Path report, double seconds) {
    }

    private final ReproductionConfig config;
    private final List<Stage> stages;

    /** A reproduction of {@code stages} under {@code config}. */
    public Reproduction(ReproductionConfig config, List<Stage> stages) {
        this.config = config;
        this.stages = List.copyOf(stages);
    }

    /** Runs (or reuses) every stage and writes the report. */
    public Outcome run(Provenance provenance, ReproductionListener listener) {
        long t0 = System.nanoTime();
        double total = 0;
        for (Stage s : stages) total += s.weight(config);
        double done = 0;
        List<Claim> claims = new ArrayList<>();
        Map<String, Double> timings = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            Path dir = config.out().resolve(stage.id());
            listener.stageStarted(i, stages.size(), stage, done, total);
            long s0 = System.nanoTime();
            List<Claim> result;
            boolean reused = false;
            StageKey key = null;
            try {
                key = StageKey.of(stage, config);
                result = reuse(dir, key);
                reused = result != null;
                if (!reused) {
                    Files.createDirectories(dir);
                    result = stage.run(new StageContext(config, dir, provenance, listener::stageProgress));
                    checkDecidedByDeclaredRules(stage, result);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (Exception | LinkageError | AssertionError e) {
                result = List.of(Claim.failed(new Claim.Subject(stage.id(), stage.title(), ""), e));
            }
            double sec = (System.nanoTime() - s0) / 1e9;
            boolean failed = result.stream().anyMatch(c -> c.verdict() == Verdict.FAILED);
            if (!reused && !failed && key != null) {
                ObjectNode rec = Json.object();
                rec.put("key", key.digest());
                rec.put("keyText", key.text());
                rec.put("seconds", sec);
                rec.set("claims", Json.toNode(result));
                rec.set("provenance", Json.toNode(provenance));
                Json.write(dir.resolve(RECORD), rec); // written last: marks the stage finished (a failed stage reruns)
            }
            timings.put(stage.id(), reused ? 0.0 : sec);
            claims.addAll(result);
            done += stage.weight(config);
            listener.stageFinished(i, stage, result, sec, reused);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path report = writeReport(claims, timings, seconds, provenance);
        return new Outcome(claims, report, seconds);
    }

    /** Name of a finished stage's record in its directory. */
    static final String RECORD = "stage.json";

    /** A stage must decide each claim by one of the rules its key was built from, and give each claim a unique id. */
    private void checkDecidedByDeclaredRules(Stage stage, List<Claim> result) {
        if (result == null || result.isEmpty()) throw new IllegalStateException("stage " + stage.id() + " returned no claim");
        List<String> texts = new ArrayList<>();
        for (var r : stage.rules(config)) texts.add(r.text());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Claim c : result) {
            if (!texts.contains(c.rule())) {
                throw new IllegalStateException("claim " + c.id() + " was decided by a rule the stage did not declare: " + c.rule());
            }
            if (!ids.add(c.id())) throw new IllegalStateException("stage " + stage.id() + " returned claim " + c.id() + " twice");
        }
    }

    private static List<Claim> reuse(Path dir, StageKey key) {
        Path f = dir.resolve(RECORD);
        if (!Files.isRegularFile(f)) return null;
        try {
            JsonNode rec = Json.mapper().readTree(f.toFile());
            if (!key.digest().equals(rec.path("key").asText(null))) return null;
            Claim[] claims = Json.mapper().treeToValue(rec.get("claims"), Claim[].class);
            return claims == null || claims.length == 0 ? null : List.of(claims);
        } catch (IOException | RuntimeException e) {
            return null; // unreadable record: recompute the stage
        }
    }

    private Path writeReport(List<Claim> claims, Map<String, Double> timings, double seconds, Provenance provenance) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("protocol", config.full() ? "full (the paper's protocol)" : "quick (small p, fast preset)");
        facts.put("master seed", Long.toString(config.seed()));
        facts.put("wall time of this invocation", format(seconds));
        StringBuilder st = new StringBuilder();
        timings.forEach((k, v) -> st.append(k).append(' ').append(v == 0 ? "reused" : format(v)).append("; "));
        facts.put("stage times", st.toString());
        String intro = "Each claim of Kim (2026), \"Thermodynamic Isomorphism of Transformers\", and of the polylog phase "
                + "chapter, tested on this machine. Every verdict is decided by the rule written next to it from the "
                + "numbers shown; nothing here assumes the claim. Figures are also saved as PNG and SVG, and every number "
                + "as CSV/JSON, in the stage directories next to this report.";
        HtmlReport html = new HtmlReport("Thermoscope: the paper's claims, tested", intro, claims, facts, provenance);
        Path report = config.out().resolve("report.html");
        html.write(report);
        ArrayNode arr = Json.mapper().createArrayNode();
        StringBuilder csv = new StringBuilder("id,verdict,kind,statement,rule,reason\n");
        for (Claim c : claims) {
            ObjectNode o = Json.object();
            o.put("id", c.id());
            o.put("statement", c.subject().statement());
            o.put("source", c.subject().source());
            o.put("verdict", c.verdict().label());
            o.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            o.put("rule", c.rule());
            o.put("reason", c.decision().reason());
            if (c.decision().shortfall() != null) o.put("needed", c.decision().shortfall().text());
            o.put("evidence", c.presentation().evidence());
            o.set("numbers", Json.toNode(c.presentation().numbers()));
            arr.add(o);
            csv.append(csvField(c.id())).append(',').append(csvField(c.verdict().label())).append(',')
                    .append(csvField(c.kind().name().toLowerCase(Locale.ROOT))).append(',')
                    .append(csvField(c.subject().statement())).append(',').append(csvField(c.rule())).append(',')
                    .append(csvField(c.decision().reason())).append('\n');
        }
        ObjectNode all = Json.object();
        all.put("mode", config.mode());
        all.put("seed", config.seed());
        all.put("seconds", seconds);
        all.put("summary", HtmlReport.counts(claims));
        all.set("claims", arr);
        all.set("provenance", Json.toNode(provenance));
        Json.write(config.out().resolve("claims.json"), all);
        AtomicFiles.writeString(config.out().resolve("claims.csv"), csv.toString());
        return report;
    }

    static String format(double seconds) {
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        return d.toMinutes() > 0 ? String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart())
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    static String csvField(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
