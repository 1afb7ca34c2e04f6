package io.thermoscope.io;

import java.nio.file.Path;

/** Reads a numeric array from a {@code .npy} file or, for any other extension, from plain text rows. */
public final class ArrayFiles {
    private ArrayFiles() {
    }

    /** Reads {@code path} by its extension: {@code .npy} through {@link Npy}, otherwise {@link NumberText#readMatrix}. */
    public static NdArray read(Path path) {
        return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy")
                ? Npy.read(path) : NumberText.readMatrix(path);
    }

    /** Reads a 2-D matrix; {@code what} names the input in error messages (e.g. "Q"). */
    public static double[][] readMatrix(Path path, String what) {
        NdArray a = read(path);
        if (a.rank() == 1) return new double[][] {a.data()};
        return a.toMatrix(what + " (" + path + ")");
    }
}
