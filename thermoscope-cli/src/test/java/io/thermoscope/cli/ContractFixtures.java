package io.thermoscope.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The input files of the contract property test: valid files of each kind a command reads, and a pool of malformed
 * ones every file option also draws from. Generators refer to them as {@code @FIX/name}; outputs as
 * {@code @OUT/name} inside a fresh directory per try, which holds an existing file and an existing empty directory.
 */
final class ContractFixtures {
    /** Malformed inputs offered to every file option (besides the valid files of its kind). */
    static final List<String> MALFORMED = List.of("missing.txt", "adir", "empty.txt", "comments-only.txt", "nan.txt",
            "overflow.txt", "letters.txt", "binary.bin", "ragged.txt", "huge.txt", "one.txt", "garbage.npy",
            "float16.npy", "int64.npy", "truncated.npy", "no-rows.npy", "cube.npy", "missing.npy");

    /** Output paths: new ones (success) and ones that cannot be written (a file in the way, a directory as file). */
    static final List<String> OUT_FILES = List.of("@OUT/out.json", "@OUT/new/dir/out.json", "@OUT/existing-file",
            "@OUT/existing-dir", "@OUT/existing-file/below.json");
    static final List<String> OUT_DIRS = List.of("@OUT/run", "@OUT/new/nested/run", "@OUT/existing-dir",
            "@OUT/existing-file", "@OUT/existing-file/below");

    private ContractFixtures() {
    }

    /** Writes every fixture into {@code dir}. */
    static void write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("adir"));
        Map<String, String> text = Map.ofEntries(
                Map.entry("energies.txt", "0.5, -1.2, 3.0\n2.0 0.1\n"),
                Map.entry("energies3.txt", "0 1 2\n"),
                Map.entry("initial3.txt", "0.2 0.3 0.5\n"),
                Map.entry("rows.txt", "0 1 2 3\n0.5 0.2 1 0\n-1 0 1 2\n"),
                Map.entry("q.txt", "1 0 0.5\n0 1 -0.5\n0.3 0.3 0.3\n-1 2 0\n"),
                Map.entry("prompts.txt", "The cat sat on the mat.\n# a comment\nAnother short line.\n"),
                Map.entry("points.csv", "s,z\n2,0.5\n-1.5,0.25\n3,-2\n"),
                Map.entry("empty.txt", ""),
                Map.entry("comments-only.txt", "# nothing\n\n"),
                Map.entry("nan.txt", "1 NaN 2\n"),
                Map.entry("overflow.txt", "1 1e400 2\n"),
                Map.entry("letters.txt", "abc, 1\n"),
                Map.entry("ragged.txt", "1 2 3\n4 5\n"),
                Map.entry("huge.txt", "1e308 -1e308 1.7976931348623157e308\n"),
                Map.entry("one.txt", "7\n"));
        for (var e : text.entrySet()) Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        StringBuilder pv = new StringBuilder("V,P\n"), fl = new StringBuilder("V,pressure\n");
        for (int v = 2; v <= 24; v++) {
            pv.append(v).append(',').append(5.0 / (v - 0.3) - 2.0 / (v * v)).append('\n');
            fl.append(v).append(',').append(5 * Math.log((double) v / (v - 1))).append('\n');
        }
        Files.writeString(dir.resolve("pv.csv"), pv);
        Files.writeString(dir.resolve("firstlaw.csv"), fl);
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) (i * 151 + 7);
        Files.write(dir.resolve("binary.bin"), binary);
        Files.write(dir.resolve("garbage.npy"), "not an npy file at all".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("q.npy"), npy("<f8", new int[] {4, 3}, seq(12, 0.37)));
        Files.write(dir.resolve("k.npy"), npy("<f8", new int[] {5, 3}, seq(15, -0.21)));
        Files.write(dir.resolve("wq.npy"), npy("<f8", new int[] {6, 3}, seq(18, 0.11)));
        Files.write(dir.resolve("wk.npy"), npy("<f8", new int[] {6, 3}, seq(18, -0.13)));
        double[] mask = new double[20];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) mask[i * 5 + j] = (i + j) % 3 == 0 ? 0 : 1;
        Files.write(dir.resolve("mask.npy"), npy("<f8", new int[] {4, 5}, mask));
        Files.write(dir.resolve("attention.npy"), npy("<f4", new int[] {2, 8, 8}, attention(2, 8)));
        Files.write(dir.resolve("float16.npy"), npy("<f2", new int[] {2}, new double[0]));
        Files.write(dir.resolve("int64.npy"), npy("<i8", new int[] {2, 2}, new double[4]));
        byte[] full = npy("<f8", new int[] {4, 3}, seq(12, 1));
        Files.write(dir.resolve("truncated.npy"), java.util.Arrays.copyOf(full, full.length - 9));
        Files.write(dir.resolve("no-rows.npy"), npy("<f8", new int[] {0, 8}, new double[0]));
        Files.write(dir.resolve("cube.npy"), npy("<f8", new int[] {2, 2, 2}, seq(8, 0.5)));
        Files.createDirectories(dir.resolve("corpus"));
        for (int d = 0; d < 3; d++) {
            StringBuilder doc = new StringBuilder();
            for (int i = 0; i < 40; i++) doc.append("Document ").append(d).append(" says the cat sat on mat ").append(i).append(". ");
            Files.writeString(dir.resolve("corpus").resolve("doc" + d + ".txt"), doc);
        }
        Files.write(dir.resolve("bad.onnx"), "not a protobuf".getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the {@code @FIX} and {@code @OUT} placeholders of {@code args}. */
    static String[] resolve(List<String> args, Path fixtures, Path out) {
        return args.stream().map(a -> a.replace("@FIX", fixtures.toString()).replace("@OUT", out.toString()))
                .toArray(String[]::new);
    }

    /** A fresh output directory for one try, with one existing file and one existing empty directory. */
    static void prepareOut(Path out) throws IOException {
        Files.createDirectories(out.resolve("existing-dir"));
        Files.writeString(out.resolve("existing-file"), "already here\n");
    }

    private static double[] seq(int n, double step) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = Math.sin(i * step + 0.3) * (1 + i % 3);
        return d;
    }

    /** Causal attention rows decaying with distance, [heads, n, n]. */
    private static double[] attention(int heads, int n) {
        double[] a = new double[heads * n * n];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j <= i; j++) z += Math.pow(i - j + 1, -1.2 - 0.3 * h);
                for (int j = 0; j <= i; j++) a[(h * n + i) * n + j] = Math.pow(i - j + 1, -1.2 - 0.3 * h) / z;
            }
        }
        return a;
    }

    /** An NPY version 1.0 file; {@code <f4}/{@code <f8} data are written from {@code data}, other dtypes zero-filled. */
    static byte[] npy(String descr, int[] shape, double[] data) {
        StringBuilder sh = new StringBuilder("(");
        for (int s : shape) sh.append(s).append(", ");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh.append(")") + ", }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int count = 1;
        for (int s : shape) count *= s;
        int width = Integer.parseInt(descr.substring(2));
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + count * width).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < count && i < data.length; i++) {
            if (descr.equals("<f8")) b.putDouble(data[i]);
            else if (descr.equals("<f4")) b.putFloat((float) data[i]);
        }
        return b.array();
    }
}
