package io.thermoscope.io;

import io.thermoscope.InvalidInputException;

import java.nio.file.Path;
import java.util.Arrays;

/** Reads a numeric array from a {@code .npy} file or, for any other extension, from plain text rows. */
public final class ArrayFiles {
    private ArrayFiles() {
    }

    /** Reads {@code path} by its extension: {@code .npy} through {@link Npy}, otherwise {@link NumberText#readMatrix}. */
    public static NdArray read(Path path) {
        return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy")
                ? Npy.read(path) : NumberText.readMatrix(path);
    }

    /** Reads a 2-D matrix with at least one row and one column; {@code what} names the input in messages (e.g. "Q"). */
    public static double[][] readMatrix(Path path, String what) {
        NdArray a = read(path);
        double[][] m = a.rank() == 1 ? new double[][] {a.data()} : a.toMatrix(what + " (" + path + ")");
        if (m.length == 0 || m[0].length == 0) {
            throw new InvalidInputException(what + " (" + path + ") is empty: shape "
                    + Arrays.toString(a.shape()).replace('[', '(').replace(']', ')'));
        }
        return m;
    }
}
