package io.thermoscope.report;

import io.thermoscope.decision.BoundRule;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.IdentityRule;
import io.thermoscope.io.Provenance;
import io.thermoscope.plot.Figure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report as a person sees it, in headless Chromium: a good report passes; a blank page, an empty figure
 * and a console error each fail the check. On CI (CI=true) a missing Chromium is a failure, not a skip.
 */
class HtmlReportBrowserTest {

    @BeforeAll
    static void needsChromium() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) assertTrue(BrowserCheck.chromium().isPresent(), "CI must have Chromium (./run-tests installs it)");
        assumeTrue(BrowserCheck.chromium().isPresent(), "Chromium not installed: browser check skipped");
    }

    static HtmlReport sample() {
        double[] x = {1, 2, 3, 4, 5}, y = {0.2, 0.9, 1.6, 0.7, 0.3};
        String svg = new Figure("C_v vs step", "step", "C_v").line("C_v", x, y).vline(3, "peak").toSvg();
        Map<String, String> numbers = new LinkedHashMap<>();
        numbers.put("max |p − softmax|", "3.1e-16");
        IdentityRule identity = new IdentityRule("max |p − softmax|", 1e-9, "softmax is the exact minimiser");
        BoundRule lead = new BoundRule("lead (steps)", BoundRule.Side.ABOVE, 0, 0.95, 5, "runs");
        List<Claim> claims = List.of(
                Claim.decided(new Claim.Subject("softmax", "softmax is the free-energy minimiser", "§II, Eqs. 8–12"), identity,
                        3.1e-16, new Claim.Presentation("mirror descent reproduces softmax", numbers,
                                List.of(new Claim.Figure("figure one", svg, "fig1.svg")))),
                Claim.decided(new Claim.Subject("grok", "C_v peaks before grokking", "§VI.B, Fig. 3"), lead,
                        new Estimate(40, -10, 90, 0.95, 3, "runs"), new Claim.Presentation("3 runs", Map.of(),
                                List.of(new Claim.Figure("figure two", svg, "")))),
                Claim.failed(new Claim.Subject("broken", "a stage that throws", "§0"), new IllegalStateException("boom")));
        return new HtmlReport("Test report <&>", "intro", claims, Map.of("wall time", "1 s"),
                Provenance.capture(List.of("thermoscope", "test"), 1L));
    }

    @Test
    void aGoodReportPassesTheBrowserCheck(@TempDir Path dir) {
        Path html = dir.resolve("report.html");
        sample().write(html);
        BrowserCheck.Result r = BrowserCheck.check(html, dir.resolve("shot.png"), 2, 1200, 1600);
        assertTrue(r.passed(), r.problems().toString());
        assertTrue(r.svgCount() >= 2);
    }

    @Test
    void blankPagesEmptyFiguresAndConsoleErrorsFail(@TempDir Path dir) throws Exception {
        Path blank = dir.resolve("blank.html");
        Files.writeString(blank, "<!DOCTYPE html><html><body></body></html>");
        BrowserCheck.Result b = BrowserCheck.check(blank, dir.resolve("b.png"), 1, 800, 600);
        assertFalse(b.passed());
        assertTrue(b.problems().stream().anyMatch(p -> p.contains("blank")), b.problems().toString());

        Path empty = dir.resolve("empty.html");
        Files.writeString(empty, "<!DOCTYPE html><html><body><h1>Title text here</h1><p>" + "words ".repeat(400)
                + "</p><svg width=\"10\" height=\"10\"></svg></body></html>");
        assertTrue(BrowserCheck.check(empty, dir.resolve("e.png"), 1, 800, 600).problems().stream()
                .anyMatch(p -> p.contains("empty")));

        Path js = dir.resolve("js.html");
        String good = sample().render();
        Files.writeString(js, good.replace("</body>", "<script>undefinedFunctionCall();</script></body>"));
        BrowserCheck.Result j = BrowserCheck.check(js, dir.resolve("j.png"), 2, 1200, 1600);
        assertFalse(j.passed(), "a console error must fail the check");
        assertFalse(j.consoleErrors().isEmpty());
    }
}
