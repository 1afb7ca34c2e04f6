package io.thermoscope.io;

import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files: little-endian float32/float64 in C order, format versions 1–3.
 * Everything else (big-endian, integer dtypes, Fortran order, a header that lies about the data length)
 * is rejected with a one-line {@link InvalidInputException} naming the problem.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int MAX_HEADER = 1 << 20;

    private Npy() {
    }

    /** Reads {@code path}; the file name appears in every error message. */
    public static NdArray read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("file not found: " + path);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(path + ": " + e.getMessage(), e);
        }
    }

    /** Parses the bytes of a whole {@code .npy} file. */
    public static NdArray parse(byte[] bytes) {
        if (bytes.length < 10) throw new InvalidInputException("not an NPY file (only " + bytes.length + " bytes)");
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) throw new InvalidInputException("not an NPY file (bad magic string)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int headerStart;
        switch (major) {
            case 1 -> {
                headerLen = buf.getShort(8) & 0xffff;
                headerStart = 10;
            }
            case 2, 3 -> {
                if (bytes.length < 12) throw new InvalidInputException("truncated NPY header");
                headerLen = buf.getInt(8) & 0xffffffffL;
                headerStart = 12;
            }
            default -> throw new InvalidInputException("unsupported NPY format version " + major);
        }
        if (headerLen > MAX_HEADER || headerStart + headerLen > bytes.length) {
            throw new InvalidInputException("truncated or oversized NPY header (claims " + headerLen + " bytes)");
        }
        String header = new String(bytes, headerStart, (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        String fortran = group(FORTRAN, header, "fortran_order");
        String shapeText = group(SHAPE, header, "shape");
        if (fortran.equals("True")) {
            throw new InvalidInputException("Fortran-order arrays are not supported; save with np.ascontiguousarray");
        }
        int itemSize = switch (descr) {
            case "<f8" -> 8;
            case "<f4" -> 4;
            default -> throw new InvalidInputException(
                    "unsupported dtype '" + descr + "': only little-endian float32 ('<f4') and float64 ('<f8')");
        };
        int[] shape = parseShape(shapeText);
        long count = 1;
        for (int d : shape) {
            count = Math.multiplyExact(count, (long) d);
            if (count > Integer.MAX_VALUE - 8) throw new InvalidInputException("array too large: " + shapeText);
        }
        long dataStart = headerStart + headerLen;
        long expected = count * itemSize;
        long actual = bytes.length - dataStart;
        if (actual != expected) {
            throw new InvalidInputException("header promises " + count + " values (" + expected
                    + " bytes) but the file holds " + actual + " data bytes");
        }
        double[] data = new double[(int) count];
        buf.position((int) dataStart);
        if (itemSize == 8) {
            buf.asDoubleBuffer().get(data);
        } else {
            var fb = buf.asFloatBuffer();
            for (int i = 0; i < data.length; i++) data[i] = fb.get(i);
        }
        return new NdArray(data, shape);
    }

    private static String group(Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new InvalidInputException("NPY header lacks a valid '" + key + "' entry");
        return m.group(1);
    }

    private static int[] parseShape(String text) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) continue;
            try {
                long d = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
                if (d < 0 || d > Integer.MAX_VALUE) throw new NumberFormatException();
                dims.add((int) d);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("bad dimension '" + t + "' in NPY shape (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Encodes {@code array} as a version-1 float64 {@code .npy} file. */
    public static byte[] encode(NdArray array) {
        StringBuilder shape = new StringBuilder("(");
        for (int d : array.shape()) shape.append(d).append(", ");
        if (array.shape().length > 1) shape.setLength(shape.length() - 2);
        else if (array.shape().length == 1) shape.setLength(shape.length() - 1);
        shape.append(')');
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 8 * array.data().length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : array.data()) buf.putDouble(v);
        return buf.array();
    }

    /** Writes {@code array} to {@code path} atomically as float64. */
    public static void write(Path path, NdArray array) {
        AtomicFiles.write(path, encode(array));
    }
}
