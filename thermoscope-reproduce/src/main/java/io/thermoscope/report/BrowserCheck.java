package io.thermoscope.report;

import io.thermoscope.InvalidInputException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens an HTML report in headless Chromium as a person would see it: takes a screenshot, and fails on a blank
 * page, figures that did not render, or console errors. Chromium is started offline-safe (no background
 * networking, no sync, a fresh profile).
 */
public final class BrowserCheck {

    /**
     * What the browser saw.
     *
     * @param screenshot     the PNG taken
     * @param inkFraction    fraction of sampled screenshot pixels that are not near-white
     * @param svgCount       number of {@code <svg>} elements in the rendered DOM
     * @param emptySvgCount  SVG elements without any drawing element inside
     * @param consoleErrors  console messages at error level and uncaught exceptions
     * @param problems       human-readable failures; empty when the page passed
     */
    public record Result(Path screenshot, double inkFraction, int svgCount, int emptySvgCount, List<String> consoleErrors,
                         List<String> problems) {
        /** Whether the page passed every check. */
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private static final String[] FLAGS = {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--disable-extensions", "--mute-audio"};

    private BrowserCheck() {
    }

    /** The Chromium executable on this machine, if any. */
    public static Optional<Path> chromium() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Checks {@code html}; writes the screenshot to {@code screenshot}; {@code minFigures} SVGs must render. */
    public static Result check(Path html, Path screenshot, int minFigures, int width, int height) {
        if (!Files.isRegularFile(html)) throw new InvalidInputException("report not found: " + html);
        Path exe = chromium().orElseThrow(() -> new InvalidInputException(
                "Chromium not found (install the Debian package: apt-get install -y chromium)"));
        try {
            Path profile = Files.createTempDirectory("thermoscope-chromium");
            String url = html.toAbsolutePath().toUri().toString();
            List<String> shot = command(exe, profile, "--window-size=" + width + "," + height,
                    "--screenshot=" + screenshot.toAbsolutePath(), "--enable-logging=stderr", "--v=0", url);
            String log = run(shot);
            List<String> dumpCmd = command(exe, profile, "--dump-dom", "--enable-logging=stderr", "--v=0", url);
            String dom = run(dumpCmd);
            List<String> problems = new ArrayList<>();
            List<String> console = new ArrayList<>();
            Matcher m = Pattern.compile("CONSOLE\\(\\d+\\)\\]\\s*\"([^\"]*)\"").matcher(log);
            while (m.find()) console.add(m.group(1));
            for (String line : log.split("\n")) if (line.contains("Uncaught")) console.add(line.strip());
            if (!console.isEmpty()) problems.add("console errors: " + console);
            int svgs = count(dom, "<svg");
            int empty = 0;
            Matcher s = Pattern.compile("<svg[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
            while (s.find()) if (!Pattern.compile("<(polyline|rect|circle|polygon|path|line)\\b").matcher(s.group(1)).find()) empty++;
            if (svgs < minFigures) problems.add("expected at least " + minFigures + " figures, the page shows " + svgs);
            if (empty > 0) problems.add(empty + " figures are empty");
            double ink = 0;
            if (!Files.isRegularFile(screenshot)) {
                problems.add("Chromium took no screenshot");
            } else {
                BufferedImage img = ImageIO.read(screenshot.toFile());
                if (img == null) problems.add("screenshot is not a PNG");
                else ink = ink(img);
                if (ink < 0.01) problems.add(String.format("the page looks blank (%.4f of pixels inked)", ink));
            }
            deleteTree(profile);
            return new Result(screenshot, ink, svgs, empty, console, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("browser check failed: " + e.getMessage(), e);
        }
    }

    private static List<String> command(Path exe, Path profile, String... extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(FLAGS));
        cmd.add("--user-data-dir=" + profile);
        cmd.addAll(List.of(extra));
        return cmd;
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Chromium did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int count(String s, String needle) {
        int c = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) c++;
        return c;
    }

    static double ink(BufferedImage img) {
        long inked = 0, total = 0;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (r < 235 || g < 235 || b < 235) inked++;
                total++;
            }
        }
        return total == 0 ? 0 : (double) inked / total;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
