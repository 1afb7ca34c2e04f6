package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The resumable state of a batch of S runs in one file: the flat parameter buffer and AdamW's two moment buffers
 * (run-major, described by a {@link ParameterLayout}), the step, and every run's evaluation rows and whether it has
 * finished. Format (version 2): magic "THRMCKPT", version, body length, body, CRC-32 of the body; written
 * atomically (temporary file + rename), so a crash leaves the previous checkpoint intact. {@link #read} refuses a
 * truncated, altered or foreign file; {@link #validate} refuses one whose arrays do not fit a configuration
 * (shapes, lengths, finiteness, step range) before anything is loaded.
 *
 * @param metadataJson   what the batch is (the runs' configurations as a JSON array); compared on resume
 * @param step           optimiser steps taken by the batch
 * @param adamSteps      AdamW's step counter (equals {@code step})
 * @param layout         where each parameter of each run lives in the flat buffers
 * @param params         the flat parameter buffer [S·perRun]
 * @param m              AdamW first moments [S·perRun]
 * @param v              AdamW second moments [S·perRun]
 * @param runs           per run: finished or not, and its evaluation rows ({@link EvalRow#values()})
 */
public record Checkpoint(String metadataJson, int step, int adamSteps, ParameterLayout layout, float[] params,
                         float[] m, float[] v, List<RunState> runs) {
    private static final long MAGIC = 0x5448524d434b5054L; // "THRMCKPT"
    private static final int VERSION = 2;

    /**
     * One run's progress.
     *
     * @param finished whether the run has stopped (its parameters no longer change)
     * @param rows     its evaluation rows so far
     */
    public record RunState(boolean finished, List<double[]> rows) {}

    /** Writes this checkpoint atomically to {@code file}; refuses (IllegalStateException) non-finite state. */
    public void write(Path file) {
        requireFinite("parameters", params);
        requireFinite("first moments", m);
        requireFinite("second moments", v);
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream(12 * params.length + 4096);
            DataOutputStream out = new DataOutputStream(payload);
            writeString(out, metadataJson);
            out.writeInt(step);
            out.writeInt(adamSteps);
            out.writeInt(layout.runs());
            out.writeInt(layout.rowWidth());
            out.writeLong(layout.perRun());
            out.writeInt(layout.entries().size());
            for (ParameterLayout.Entry e : layout.entries()) {
                writeString(out, e.name());
                out.writeInt(e.shape().length);
                for (long s : e.shape()) out.writeLong(s);
                out.writeLong(e.offset());
            }
            writeFloats(out, params);
            writeFloats(out, m);
            writeFloats(out, v);
            out.writeInt(runs.size());
            for (RunState r : runs) {
                out.writeBoolean(r.finished());
                out.writeInt(r.rows().size());
                for (double[] row : r.rows()) {
                    out.writeInt(row.length);
                    for (double x : row) out.writeDouble(x);
                }
            }
            out.flush();
            byte[] body = payload.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(body);
            ByteBuffer f = ByteBuffer.allocate(body.length + 24);
            f.putLong(MAGIC).putInt(VERSION).putInt(body.length).put(body).putLong(crc.getValue());
            AtomicFiles.write(file, f.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a checkpoint; a truncated, altered or foreign file gives {@link InvalidInputException}. */
    public static Checkpoint read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + e.getMessage());
        }
        try {
            ByteBuffer f = ByteBuffer.wrap(all);
            if (all.length < 24 || f.getLong() != MAGIC) throw corrupt(file, "not a thermoscope checkpoint");
            int version = f.getInt();
            if (version != VERSION) {
                throw corrupt(file, "format version " + version + " (this build reads version " + VERSION
                        + "; start the run afresh in a new directory)");
            }
            int len = f.getInt();
            if (len < 0 || len != all.length - 24) throw corrupt(file, "truncated or padded");
            CRC32 crc = new CRC32();
            crc.update(all, 16, len);
            if (ByteBuffer.wrap(all, 16 + len, 8).getLong() != crc.getValue()) throw corrupt(file, "checksum mismatch");
            ByteBuffer in = ByteBuffer.wrap(all, 16, len).slice();
            String meta = readString(in);
            int step = in.getInt(), adam = in.getInt();
            int nRuns = in.getInt(), rowWidth = in.getInt();
            long perRun = in.getLong();
            int nEntries = count(in, 16);
            List<ParameterLayout.Entry> entries = new ArrayList<>();
            for (int i = 0; i < nEntries; i++) {
                String name = readString(in);
                long[] shape = new long[count(in, 8)];
                for (int j = 0; j < shape.length; j++) shape[j] = in.getLong();
                entries.add(new ParameterLayout.Entry(name, shape, in.getLong()));
            }
            ParameterLayout layout;
            try {
                layout = new ParameterLayout(nRuns, rowWidth, entries, perRun);
            } catch (InvalidInputException e) {
                throw corrupt(file, "bad layout (" + e.getMessage() + ")");
            }
            float[] p = readFloats(in), m = readFloats(in), v = readFloats(in);
            int nr = count(in, 5);
            List<RunState> runs = new ArrayList<>(nr);
            for (int i = 0; i < nr; i++) {
                boolean finished = in.get() != 0;
                int rows = count(in, 4);
                List<double[]> rs = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    double[] row = new double[count(in, 8)];
                    for (int j = 0; j < row.length; j++) row[j] = in.getDouble();
                    rs.add(row);
                }
                runs.add(new RunState(finished, rs));
            }
            if (in.hasRemaining()) throw corrupt(file, "trailing bytes");
            return new Checkpoint(meta, step, adam, layout, p, m, v, runs);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            if (e instanceof InvalidInputException iie) throw iie;
            throw corrupt(file, "unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Checks, before anything is loaded, that this checkpoint fits a batch with {@code expected} layout, at most
     * {@code maxSteps} steps and rows of {@code rowLength} values: same layout, arrays of the layout's length,
     * finite parameters and moments (second moments ≥ 0), 0 ≤ step ≤ maxSteps, AdamW's counter equal to the step,
     * one state per run, rows of the right length with increasing steps from 0 up to at most the step.
     */
    public void validate(Path file, ParameterLayout expected, int maxSteps, int rowLength) {
        if (!layout.equals(expected)) {
            throw new InvalidInputException("checkpoint " + file + " does not fit the configuration: its parameters are "
                    + describe(layout) + ", the configuration needs " + describe(expected));
        }
        long total = expected.total();
        if (params.length != total || m.length != total || v.length != total) {
            throw new InvalidInputException("checkpoint " + file + " does not fit the configuration: buffers of "
                    + params.length + "/" + m.length + "/" + v.length + " floats, expected " + total);
        }
        if (step < 0 || step > maxSteps) {
            throw new InvalidInputException("checkpoint " + file + " is at step " + step + ", outside [0, " + maxSteps + "]");
        }
        if (adamSteps != step) {
            throw new InvalidInputException("checkpoint " + file + " has an optimiser at step " + adamSteps + " but the run at step " + step);
        }
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i]) || !Float.isFinite(m[i]) || !Float.isFinite(v[i]) || v[i] < 0) {
                throw new InvalidInputException("checkpoint " + file + " holds a non-finite or negative value at float " + i
                        + " (weights " + params[i] + ", moments " + m[i] + ", " + v[i] + "); refusing to resume from it");
            }
        }
        if (runs.size() != expected.runs()) {
            throw new InvalidInputException("checkpoint " + file + " holds " + runs.size() + " runs, expected " + expected.runs());
        }
        for (RunState r : runs) {
            int last = -1;
            for (double[] row : r.rows()) {
                if (row.length != rowLength || !(row[0] > last) || row[0] > step || row[0] != Math.rint(row[0])) {
                    throw new InvalidInputException("checkpoint " + file + " holds a malformed evaluation row");
                }
                last = (int) row[0];
            }
            if (r.rows().isEmpty() || r.rows().get(0)[0] != 0) {
                throw new InvalidInputException("checkpoint " + file + " lacks the evaluation at step 0");
            }
        }
    }

    private static String describe(ParameterLayout l) {
        StringBuilder sb = new StringBuilder("S=" + l.runs() + " ");
        for (ParameterLayout.Entry e : l.entries()) {
            sb.append(e.name()).append(java.util.Arrays.toString(e.shape())).append(' ');
            if (sb.length() > 200) return sb.append("…").toString();
        }
        return sb.toString().trim();
    }

    private static void requireFinite(String what, float[] a) {
        for (float x : a) {
            if (!Float.isFinite(x)) throw new IllegalStateException("refusing to write a checkpoint with non-finite " + what);
        }
    }

    private static InvalidInputException corrupt(Path file, String why) {
        return new InvalidInputException("checkpoint " + file + " is corrupt: " + why);
    }

    /** A count that must be ≥ 0 and fit in what is left, at {@code minBytes} per element. */
    private static int count(ByteBuffer in, int minBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * minBytes > in.remaining()) throw new IllegalArgumentException("bad count " + n);
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in) {
        byte[] b = new byte[count(in, 1)];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length);
        b.asFloatBuffer().put(a);
        out.writeInt(a.length);
        out.write(b.array());
    }

    private static float[] readFloats(ByteBuffer in) {
        float[] a = new float[count(in, 4)];
        in.asFloatBuffer().get(a);
        in.position(in.position() + 4 * a.length);
        return a;
    }
}
