package io.thermoscope.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ProgressBar with a fake clock: delay, rate limit, in-place redraw, and the quiet non-terminal mode. */
class ProgressBarTest {
    private static final long MS = 1_000_000L;

    @Test
    void interactiveBarWaitsForTheDelayThenRedrawsAtMostTenTimesASecond() {
        StringWriter sw = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar("job", 100, new PrintWriter(sw), true, 2000 * MS, now::get);
        bar.update(10, "a");
        now.set(1000 * MS);
        bar.update(20, "a");
        assertEquals("", sw.toString()); // quick jobs print nothing
        now.set(2500 * MS);
        bar.update(50, "phase 1");
        String first = sw.toString();
        assertTrue(first.startsWith("\rjob ["), first);
        assertTrue(first.contains(" 50%"), first);
        assertTrue(first.contains("phase 1"), first);
        now.set(2550 * MS);
        bar.update(60, "x");
        assertEquals(first, sw.toString()); // within 100 ms: no redraw
        now.set(2700 * MS);
        bar.update(70, "x");
        assertTrue(sw.toString().length() > first.length());
        assertEquals(2, sw.toString().chars().filter(c -> c == '\r').count());
        now.set(5000 * MS);
        bar.finish("ok");
        String all = sw.toString();
        assertTrue(all.endsWith("\n") && all.stripTrailing().endsWith("job: done in 5.0 s  ok"), all);
        assertTrue(all.contains("\rjob: done"), all);
        bar.update(80, "late");
        assertEquals(all, sw.toString()); // nothing after finish
    }

    @Test
    void nonTerminalBarPrintsOnlyTheFinalLine() {
        StringWriter sw = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar("job", 10, new PrintWriter(sw), false, 0, now::get);
        for (int i = 0; i <= 10; i++) {
            now.addAndGet(500 * MS);
            bar.update(i, "");
        }
        assertEquals("", sw.toString());
        bar.finish("");
        assertEquals("job: done in 5.5 s" + System.lineSeparator(), sw.toString());
        assertEquals(10, bar.done());
    }

    @Test
    void closingWithoutFinishingPrintsNothingAndErasesADrawnBar() {
        StringWriter quiet = new StringWriter();
        new ProgressBar("job", 10, new PrintWriter(quiet), false, 0, () -> 0L).close();
        assertEquals("", quiet.toString(), "a failed job's stderr keeps only its error line");
        StringWriter tty = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar("job", 10, new PrintWriter(tty), true, 0, now::get);
        bar.update(3, "");
        bar.close();
        String[] parts = tty.toString().split("\r", -1);
        assertTrue(parts[parts.length - 2].isBlank() && parts[parts.length - 1].isEmpty(), tty.toString());
    }

    @Test
    void shorterLinesOverwriteLongerOnes() {
        StringWriter sw = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar("j", 4, new PrintWriter(sw), true, 0, now::get);
        bar.update(1, "a long extra text");
        now.set(200 * MS);
        bar.update(2, "");
        String[] parts = sw.toString().split("\r");
        assertEquals(parts[1].length(), parts[2].length()); // padded with blanks over the old text
    }
}
