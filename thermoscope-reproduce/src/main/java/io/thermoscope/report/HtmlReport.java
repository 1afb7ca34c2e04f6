package io.thermoscope.report;

import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Provenance;

import io.thermoscope.decision.Verdict;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A single self-contained HTML file: summary table of claims with verdicts and rules, then one section per claim
 * with its numbers and inline SVG figures. No scripts, no external resources: readable offline.
 */
public final class HtmlReport {
    private final String title;
    private final String intro;
    private final List<Claim> claims;
    private final Provenance provenance;
    private final Map<String, String> runFacts;

    /** A report with a title, an introduction (plain text), the claims, run facts (e.g. wall time) and provenance. */
    public HtmlReport(String title, String intro, List<Claim> claims, Map<String, String> runFacts, Provenance provenance) {
        this.title = title;
        this.intro = intro;
        this.claims = List.copyOf(claims);
        this.runFacts = runFacts;
        this.provenance = provenance;
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String badge(Verdict v) {
        String cls = switch (v) {
            case HOLDS -> "holds";
            case DOES_NOT_HOLD -> "fails";
            case INCONCLUSIVE -> "unsure";
            case IDENTITY_VERIFIED -> "identity";
            case FAILED -> "failed";
        };
        return "<span class=\"verdict " + cls + "\">" + esc(v.label()) + "</span>";
    }

    /** Strips an XML prolog so the SVG can sit inline in HTML. */
    static String inlineSvg(String svg) {
        String s = svg.strip();
        if (s.startsWith("<?xml")) s = s.substring(s.indexOf("?>") + 2).strip();
        return s;
    }

    /** Renders the report. */
    public String render() {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(esc(title))
                .append("</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n")
                .append("body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;")
                .append("padding:0 1em;color:#222;line-height:1.45}\nh1{font-size:1.7em;margin-bottom:.2em}")
                .append("h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}\n")
                .append("table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border:1px solid #ddd;padding:.35em .6em;")
                .append("text-align:left;vertical-align:top}th{background:#f4f4f4}\n")
                .append(".verdict{font-weight:bold;padding:.1em .5em;border-radius:.3em;white-space:nowrap}")
                .append(".holds{background:#d7f0dd;color:#17612b}.fails{background:#f7d9d9;color:#8a1c1c}")
                .append(".unsure{background:#f3ebc8;color:#6b5500}.identity{background:#e3e8f4;color:#2c3e6b}")
                .append(".failed{background:#444;color:#fff}\n.rule{color:#555;font-size:.92em}.kind{color:#777;font-size:.85em}")
                .append("figure{margin:1em 0}figure svg{max-width:100%;height:auto;border:1px solid #eee}")
                .append("figcaption{color:#555;font-size:.9em}\n.prov{font-size:.85em;color:#555}code{background:#f4f4f4;padding:0 .2em}\n")
                .append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(intro)).append("</p>\n");
        if (!runFacts.isEmpty()) {
            h.append("<table class=\"facts\">");
            runFacts.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>"));
            h.append("</table>\n");
        }
        h.append("<h2>Claims and verdicts</h2>\n<p id=\"counts\">").append(esc(counts(claims))).append("</p>\n")
                .append("<table id=\"summary\"><tr><th>claim</th><th>paper</th><th>verdict</th><th>rule used</th></tr>\n");
        for (Claim c : claims) {
            h.append("<tr><td><a href=\"#").append(esc(c.id())).append("\">").append(esc(c.subject().statement())).append("</a>");
            if (c.kind() == Claim.Kind.IDENTITY) h.append(" <span class=\"kind\">(identity)</span>");
            h.append("</td><td>").append(esc(c.subject().source())).append("</td><td>").append(badge(c.verdict()))
                    .append("</td><td class=\"rule\">").append(esc(c.rule())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Claim c : claims) {
            Claim.Presentation p = c.presentation();
            h.append("<h2 id=\"").append(esc(c.id())).append("\">").append(esc(c.subject().statement())).append(' ')
                    .append(badge(c.verdict())).append("</h2>\n<p><b>Paper:</b> ").append(esc(c.subject().source()))
                    .append(". <b>Rule").append(c.kind() == Claim.Kind.IDENTITY ? " (identity)" : "").append(":</b> ")
                    .append(esc(c.rule().isEmpty() ? "none (the computation failed)" : c.rule())).append("</p>\n<p><b>Decided:</b> ")
                    .append(esc(c.decision().reason()));
            if (c.decision().shortfall() != null) h.append("; ").append(esc(c.decision().shortfall().text()));
            h.append(".</p>\n<p>").append(esc(p.evidence())).append("</p>\n");
            if (!p.numbers().isEmpty()) {
                h.append("<table class=\"numbers\">");
                p.numbers().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>"));
                h.append("</table>\n");
            }
            for (Claim.Figure f : p.figures()) {
                h.append("<figure>").append(inlineSvg(f.svg())).append("<figcaption>").append(esc(f.caption()));
                if (f.file() != null && !f.file().isEmpty()) h.append(" (<code>").append(esc(f.file())).append("</code>)");
                h.append("</figcaption></figure>\n");
            }
        }
        h.append("<h2>Provenance</h2>\n<p class=\"prov\">thermoscope ").append(esc(provenance.version())).append(", commit <code>")
                .append(esc(provenance.gitCommit())).append("</code>, ").append(esc(provenance.jdk())).append(", ")
                .append(esc(provenance.os())).append(", ").append(provenance.cores()).append(" cores; command <code>")
                .append(esc(String.join(" ", provenance.commandLine()))).append("</code>; created ").append(esc(provenance.createdAt()))
                .append(". Every number has its CSV/JSON next to this file.</p>\n</body></html>\n");
        return h.toString();
    }

    /**
     * The summary line: empirical verdicts counted apart from identities and failures, e.g. "9 empirical claims:
     * 3 hold, 2 do not hold, 4 inconclusive · 3 identities verified · 0 failed".
     */
    public static String counts(List<Claim> claims) {
        Map<Verdict, Integer> n = new EnumMap<>(Verdict.class);
        int empirical = 0, identities = 0, violated = 0;
        for (Claim c : claims) {
            n.merge(c.verdict(), 1, Integer::sum);
            if (c.kind() == Claim.Kind.IDENTITY) {
                identities++;
                if (c.verdict() == Verdict.DOES_NOT_HOLD) violated++;
            } else if (c.verdict().empirical()) {
                empirical++;
            }
        }
        int holds = n.getOrDefault(Verdict.HOLDS, 0), inc = n.getOrDefault(Verdict.INCONCLUSIVE, 0);
        int fails = n.getOrDefault(Verdict.DOES_NOT_HOLD, 0) - violated;
        return empirical + " empirical claim" + (empirical == 1 ? "" : "s") + ": " + holds + " hold, " + fails
                + " do not hold, " + inc + " inconclusive · " + identities + " identit" + (identities == 1 ? "y" : "ies")
                + " checked: " + n.getOrDefault(Verdict.IDENTITY_VERIFIED, 0) + " verified, " + violated + " violated · "
                + n.getOrDefault(Verdict.FAILED, 0) + " failed to run";
    }

    /** Writes the report atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, render());
    }
}
