package io.thermoscope.corpus;

import io.thermoscope.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the regular files of a gzip-compressed POSIX (ustar) tar archive, as npm packs packages: 512-byte
 * headers with the name split into prefix + name, sizes in octal. Directories, links and pax extended headers are
 * skipped; GNU long names are honoured. Enough for package tarballs, not a general tar implementation.
 */
final class TarArchive {

    private static final int BLOCK = 512;
    /** Largest entry read into memory (package text files are far smaller). */
    static final long MAX_ENTRY = 64L << 20;

    private TarArchive() {
    }

    /** The regular files of a .tgz held in memory: path → bytes, in archive order. */
    static Map<String, byte[]> files(byte[] tgz, String what) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz), 1 << 16)) {
            return files(in, what);
        } catch (ZipException e) {
            throw new InvalidInputException(what + " is not a gzip archive: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + ": " + e.getMessage());
        }
    }

    /** The regular files of an uncompressed tar stream. */
    static Map<String, byte[]> files(InputStream in, String what) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            int got = in.readNBytes(header, 0, BLOCK);
            if (got == 0) return out; // no end-of-archive blocks: tolerated
            if (got < BLOCK) throw new InvalidInputException(what + " ends inside a tar header");
            if (allZero(header)) return out;
            if (!checksumOk(header)) throw new InvalidInputException(what + " has a tar header with a bad checksum");
            long size = octal(header, 124, 12, what);
            if (size < 0 || size > MAX_ENTRY) throw new InvalidInputException(what + " has a tar entry of " + size + " bytes");
            char type = (char) header[156];
            byte[] data = new byte[(int) size];
            if (!readFully(in, data)) throw new InvalidInputException(what + " ends inside a tar entry");
            long pad = (BLOCK - size % BLOCK) % BLOCK;
            in.readNBytes((int) pad); // block padding (a missing tail is caught by the next header read)
            switch (type) {
                case 'L' -> longName = cString(data, 0, data.length);
                case '0', '\0', '7' -> {
                    String name = longName != null ? longName : name(header);
                    out.put(name, data);
                    longName = null;
                }
                default -> longName = null; // directories, links, pax headers: not files
            }
        }
    }

    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = cString(h, 257, 6).startsWith("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static boolean checksumOk(byte[] h) {
        long stored;
        try {
            stored = octal(h, 148, 8, "");
        } catch (InvalidInputException e) {
            return false;
        }
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        return sum == stored;
    }

    private static long octal(byte[] h, int off, int len, String what) {
        long v = 0;
        boolean any = false;
        for (int i = off; i < off + len; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                if (any) break;
                continue;
            }
            if (b < '0' || b > '7') throw new InvalidInputException(what + " has a malformed tar number");
            v = v * 8 + (b - '0');
            any = true;
        }
        return v;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        return n == b.length;
    }
}
