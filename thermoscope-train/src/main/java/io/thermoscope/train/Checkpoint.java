package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A complete, resumable training state, written atomically: the resolved configuration, the step, every
 * parameter with its AdamW moments, the optimiser step count, the evaluation rows so far and whether the run
 * finished. The batch order is a pure function of (seed, epoch), so the step is the whole RNG state.
 * Binary layout: magic, version, payload, CRC-32 of the payload; a truncated or altered file is rejected.
 *
 * @param configJson the run's configuration as JSON ({@link GrokConfig#toJson()})
 * @param step       optimiser steps taken
 * @param adamSteps  AdamW's step counter
 * @param shapes     parameter shapes by name
 * @param params     parameter values by name
 * @param m          AdamW first moments by name
 * @param v          AdamW second moments by name
 * @param rows       evaluation rows so far ({@link EvalRow#values()})
 * @param finished   whether the run completed
 * @param monitorSeconds monitor time accumulated before this checkpoint (informational)
 */
public record Checkpoint(String configJson, int step, int adamSteps, Map<String, long[]> shapes,
                         Map<String, float[]> params, Map<String, float[]> m, Map<String, float[]> v,
                         List<double[]> rows, boolean finished, double monitorSeconds) {
    private static final long MAGIC = 0x5448524d434b5054L; // "THRMCKPT"
    private static final int VERSION = 1;

    /** Writes this checkpoint atomically to {@code file}. */
    public void write(Path file) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(payload);
            writeString(out, configJson);
            out.writeInt(step);
            out.writeInt(adamSteps);
            out.writeBoolean(finished);
            out.writeDouble(monitorSeconds);
            out.writeInt(params.size());
            for (String name : params.keySet()) {
                writeString(out, name);
                long[] shape = shapes.get(name);
                out.writeInt(shape.length);
                for (long s : shape) out.writeLong(s);
                writeFloats(out, params.get(name));
                writeFloats(out, m.get(name));
                writeFloats(out, v.get(name));
            }
            out.writeInt(rows.size());
            for (double[] r : rows) {
                out.writeInt(r.length);
                for (double x : r) out.writeDouble(x);
            }
            out.flush();
            byte[] body = payload.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(body);
            ByteArrayOutputStream file0 = new ByteArrayOutputStream(body.length + 24);
            DataOutputStream f = new DataOutputStream(file0);
            f.writeLong(MAGIC);
            f.writeInt(VERSION);
            f.writeInt(body.length);
            f.write(body);
            f.writeLong(crc.getValue());
            f.flush();
            AtomicFiles.write(file, file0.toByteArray());
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
            DataInputStream f = new DataInputStream(new ByteArrayInputStream(all));
            if (all.length < 24 || f.readLong() != MAGIC) throw corrupt(file, "not a thermoscope checkpoint");
            int version = f.readInt();
            if (version != VERSION) throw corrupt(file, "unsupported version " + version);
            int len = f.readInt();
            if (len < 0 || len != all.length - 24) throw corrupt(file, "truncated or padded");
            byte[] body = new byte[len];
            f.readFully(body);
            CRC32 crc = new CRC32();
            crc.update(body);
            if (f.readLong() != crc.getValue()) throw corrupt(file, "checksum mismatch");
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
            String cfg = readString(in);
            int step = in.readInt(), adam = in.readInt();
            boolean finished = in.readBoolean();
            double mon = in.readDouble();
            int n = in.readInt();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            Map<String, float[]> params = new LinkedHashMap<>(), m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = readString(in);
                long[] shape = new long[in.readInt()];
                for (int j = 0; j < shape.length; j++) shape[j] = in.readLong();
                shapes.put(name, shape);
                params.put(name, readFloats(in));
                m.put(name, readFloats(in));
                v.put(name, readFloats(in));
            }
            int nr = in.readInt();
            List<double[]> rows = new ArrayList<>(nr);
            for (int i = 0; i < nr; i++) {
                double[] r = new double[in.readInt()];
                for (int j = 0; j < r.length; j++) r[j] = in.readDouble();
                rows.add(r);
            }
            return new Checkpoint(cfg, step, adam, shapes, params, m, v, rows, finished, mon);
        } catch (IOException | NegativeArraySizeException | OutOfMemoryError e) {
            throw corrupt(file, "unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static InvalidInputException corrupt(Path file, String why) {
        return new InvalidInputException("checkpoint " + file + " is corrupt: " + why);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float x : a) out.writeFloat(x);
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] a = new float[in.readInt()];
        for (int i = 0; i < a.length; i++) a[i] = in.readFloat();
        return a;
    }
}
