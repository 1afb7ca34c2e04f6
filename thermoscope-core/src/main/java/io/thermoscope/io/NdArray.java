package io.thermoscope.io;

import io.thermoscope.InvalidInputException;

import java.util.Arrays;

/**
 * A dense, row-major (C order) array of doubles with its shape: what the NPY and text readers return.
 *
 * @param data  the values, row-major; {@code data.length} equals the product of {@code shape}
 * @param shape the dimensions, outermost first
 */
public record NdArray(double[] data, int[] shape) {

    /** Validates that the shape and the data agree. */
    public NdArray {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new InvalidInputException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new InvalidInputException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    /** A 2-D array built from rows that must all have the same length. */
    public static NdArray ofRows(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new InvalidInputException("ragged rows: row 0 has " + cols + " values, row " + i + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new NdArray(data, new int[] {rows.length, cols});
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Extent of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Requires rank 2 and returns the rows as a fresh {@code double[rows][cols]}; {@code what} names the input. */
    public double[][] toMatrix(String what) {
        if (shape.length != 2) {
            throw new InvalidInputException(what + " must be a 2-D array, got shape " + Arrays.toString(shape));
        }
        double[][] m = new double[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) System.arraycopy(data, i * shape[1], m[i], 0, shape[1]);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray other && Arrays.equals(data, other.data) && Arrays.equals(shape, other.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NdArray" + Arrays.toString(shape);
    }
}
