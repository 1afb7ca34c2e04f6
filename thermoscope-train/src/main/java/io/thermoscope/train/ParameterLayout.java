package io.thermoscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each named parameter of S runs of one shape lives in a single flat float32 buffer. The buffer is
 * run-major: run s owns the contiguous slice [s·perRun, (s+1)·perRun), so a run can be cut out (checkpoints,
 * weight norms) and per-run optimiser constants broadcast as an [S, 1] column; inside a run each parameter starts
 * at a multiple of {@link #ALIGN} floats (64 bytes), and perRun is a multiple of {@code rowWidth} so the whole
 * buffer can be read as rows of that width (the token-embedding lookup of every run in one gather). Padding
 * floats are zero and stay zero under AdamW.
 *
 * @param runs     S, the number of runs
 * @param rowWidth width of the rows the flat buffer can be viewed as (the embedding width)
 * @param entries  the parameters in buffer order
 * @param perRun   floats per run, padding included
 */
public record ParameterLayout(int runs, int rowWidth, List<Entry> entries, long perRun) {

    /** Alignment of every parameter's start within a run, in floats. */
    public static final int ALIGN = 16;

    /**
     * One parameter.
     *
     * @param name   name (unique)
     * @param shape  shape of one run's tensor
     * @param offset start within a run's slice, in floats
     */
    public record Entry(String name, long[] shape, long offset) {
        /** Number of floats of one run's tensor. */
        public long size() {
            long n = 1;
            for (long s : shape) n *= s;
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && name.equals(e.name) && Arrays.equals(shape, e.shape) && offset == e.offset;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape) + Long.hashCode(offset);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape) + "@" + offset;
        }
    }

    /** Validates: S ≥ 1, unique names, entries in order inside perRun, perRun a multiple of rowWidth. */
    public ParameterLayout {
        if (runs < 1) throw new InvalidInputException("a batch needs S >= 1 runs, got " + runs);
        if (rowWidth < 1) throw new InvalidInputException("row width must be >= 1, got " + rowWidth);
        entries = List.copyOf(entries);
        long end = 0;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Entry e : entries) {
            if (!names.add(e.name())) throw new InvalidInputException("duplicate parameter " + e.name());
            if (e.offset() < end || e.size() < 1) throw new InvalidInputException("parameter " + e + " overlaps or is empty");
            end = e.offset() + e.size();
        }
        if (end > perRun || perRun % rowWidth != 0) {
            throw new InvalidInputException("layout of " + perRun + " floats per run does not hold its parameters in rows of " + rowWidth);
        }
    }

    /** A layout of the given parameters (name → shape of one run), in that order, for {@code runs} runs. */
    public static ParameterLayout of(int runs, int rowWidth, Map<String, long[]> shapes) {
        List<Entry> out = new ArrayList<>();
        long at = 0;
        for (var e : shapes.entrySet()) {
            at = roundUp(at, ALIGN);
            Entry entry = new Entry(e.getKey(), e.getValue().clone(), at);
            out.add(entry);
            at += entry.size();
        }
        long unit = lcm(ALIGN, rowWidth);
        return new ParameterLayout(runs, rowWidth, out, roundUp(Math.max(at, 1), unit));
    }

    /** The same layout for another number of runs. */
    public ParameterLayout withRuns(int s) {
        return new ParameterLayout(s, rowWidth, entries, perRun);
    }

    /** Total floats of the flat buffer, S · perRun. */
    public long total() {
        return runs * perRun;
    }

    /** The entry called {@code name}. */
    public Entry entry(String name) {
        for (Entry e : entries) if (e.name().equals(name)) return e;
        throw new IllegalArgumentException("no parameter " + name);
    }

    /** Row index (in rows of {@link #rowWidth}) at which {@code name} starts in run {@code s}. */
    public long rowOf(int s, String name) {
        long at = s * perRun + entry(name).offset();
        if (at % rowWidth != 0) throw new IllegalStateException(name + " does not start on a row");
        return at / rowWidth;
    }

    /**
     * Every parameter as a batched view [S, shape…] of {@code flat} ([S·perRun] or [S, perRun]); the views share
     * its storage (and, under a gradient collector, pass gradients to it). One split and one reshape per parameter.
     */
    public Map<String, NDArray> views(NDArray flat) {
        NDArray byRun = flat.reshape(runs, perRun);
        long[] cuts = new long[2 * entries.size()];
        int c = 0;
        for (Entry e : entries) {
            cuts[c++] = e.offset();
            cuts[c++] = e.offset() + e.size();
        }
        NDList parts = byRun.split(cuts, 1);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            long[] shape = new long[e.shape().length + 1];
            shape[0] = runs;
            System.arraycopy(e.shape(), 0, shape, 1, e.shape().length);
            out.put(e.name(), parts.get(2 * i + 1).reshape(shape));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Run {@code s}'s values of parameter {@code name} out of a flat host copy of the buffer. */
    public float[] slice(float[] flat, int s, String name) {
        Entry e = entry(name);
        int from = Math.toIntExact(s * perRun + e.offset());
        return Arrays.copyOfRange(flat, from, from + Math.toIntExact(e.size()));
    }

    private static long roundUp(long x, long unit) {
        return (x + unit - 1) / unit * unit;
    }

    private static long lcm(long a, long b) {
        long x = a, y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
