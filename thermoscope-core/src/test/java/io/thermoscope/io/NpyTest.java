package io.thermoscope.io;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NPY reader: round trips, the float32 path, and a catalogue of malformed files. */
class NpyTest {

    static byte[] npy(String descr, String shape, boolean fortran, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    @Test
    void float64RoundTrip(@TempDir Path dir) {
        double[] data = new double[24];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < data.length; i++) data[i] = r.nextGaussian() * 1e3;
        NdArray a = new NdArray(data, new int[] {2, 3, 4});
        Path f = dir.resolve("a.npy");
        Npy.write(f, a);
        assertEquals(a, Npy.read(f));
        NdArray scalarVector = new NdArray(new double[] {1.5}, new int[] {1});
        assertEquals(scalarVector, Npy.parse(Npy.encode(scalarVector)));
    }

    @Test
    void float32ValuesWidenExactly() {
        ByteBuffer d = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        d.putFloat(0.1f).putFloat(-3.5f).putFloat(Float.MAX_VALUE);
        NdArray a = Npy.parse(npy("<f4", "(3,)", false, d.array()));
        assertArrayEquals(new double[] {0.1f, -3.5, Float.MAX_VALUE}, a.data());
        assertArrayEquals(new int[] {3}, a.shape());
    }

    @Test
    void malformedFilesAreOneLineErrors() {
        byte[] eight = new byte[8];
        String[][] cases = {
                {"big-endian", "unsupported dtype"},
                {"int", "unsupported dtype"},
                {"fortran", "Fortran"},
                {"short", "header promises"},
                {"long", "header promises"},
                {"magic", "bad magic"},
                {"shape", "bad dimension"},
                {"nodescr", "descr"},
                {"tiny", "not an NPY file"},
                {"version", "version"},
                {"headerlen", "header"},
        };
        for (String[] c : cases) {
            byte[] bytes = switch (c[0]) {
                case "big-endian" -> npy(">f8", "(1,)", false, eight);
                case "int" -> npy("<i8", "(1,)", false, eight);
                case "fortran" -> npy("<f8", "(1,)", true, eight);
                case "short" -> npy("<f8", "(2,)", false, eight);
                case "long" -> npy("<f8", "(1,)", false, new byte[16]);
                case "magic" -> {
                    byte[] b = npy("<f8", "(1,)", false, eight);
                    b[1] = 'X';
                    yield b;
                }
                case "shape" -> npy("<f8", "(1, x)", false, eight);
                case "nodescr" -> npy("<f8", "(1,)", false, eight).clone();
                case "tiny" -> new byte[] {(byte) 0x93, 'N'};
                case "version" -> {
                    byte[] b = npy("<f8", "(1,)", false, eight);
                    b[6] = 9;
                    yield b;
                }
                case "headerlen" -> {
                    byte[] b = npy("<f8", "(1,)", false, eight);
                    b[8] = (byte) 0xff;
                    b[9] = (byte) 0x7f;
                    yield b;
                }
                default -> throw new IllegalStateException();
            };
            if (c[0].equals("nodescr")) {
                String s = new String(bytes, StandardCharsets.ISO_8859_1).replace("'descr'", "'descx'");
                bytes = s.getBytes(StandardCharsets.ISO_8859_1);
            }
            byte[] input = bytes;
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.parse(input), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line");
        }
    }

    @Test
    void randomGarbageNeverEscapesAsAnotherException() {
        SplittableRandom r = new SplittableRandom(11);
        byte[] valid = npy("<f8", "(2, 2)", false, new byte[32]);
        for (int trial = 0; trial < 5000; trial++) {
            byte[] b = Arrays.copyOf(valid, r.nextInt(valid.length + 8));
            for (int k = r.nextInt(4); k >= 0; k--) if (b.length > 0) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            try {
                Npy.parse(b);
            } catch (InvalidInputException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void missingFileIsAUserError(@TempDir Path dir) {
        var e = assertThrows(InvalidInputException.class, () -> Npy.read(dir.resolve("nope.npy")));
        assertTrue(e.getMessage().startsWith("file not found"));
    }

    @Test
    void textNumbersAcceptSeparatorsAndRejectGarbage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.txt");
        Files.writeString(f, "# energies\n1, 2.5\t-3e2\n\n4\n");
        assertArrayEquals(new double[] {1, 2.5, -300, 4}, NumberText.readVector(f));
        Files.writeString(f, "1 2\n3\n");
        assertThrows(InvalidInputException.class, () -> NumberText.readMatrix(f), "ragged");
        for (String bad : new String[] {"", "  \n# only a comment\n", "1, NaN", "1 inf", "1 0x10", "1,,2 abc"}) {
            Files.writeString(f, bad);
            var e = assertThrows(InvalidInputException.class, () -> NumberText.readVector(f), bad);
            assertTrue(!e.getMessage().contains("\n"));
        }
        Files.writeString(f, "1,,2");
        assertArrayEquals(new double[] {1, 2}, NumberText.readVector(f));
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThrows(InvalidInputException.class, () -> NumberText.readVector(f));
    }

    @Test
    void atomicWriteReplacesAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/out.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
    }
}
