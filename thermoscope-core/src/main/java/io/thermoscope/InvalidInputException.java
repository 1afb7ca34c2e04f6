package io.thermoscope;

/**
 * A user mistake: malformed file, non-finite number, impossible parameter. The CLI prints its message as one
 * line {@code error: …} and exits with status 2; it never carries a stack trace to the user.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message that names the problem. */
    public InvalidInputException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the low-level cause (kept for library users). */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws unless {@code value} is finite; {@code name} is how the user knows the parameter. */
    public static double requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    /** Throws unless {@code value} is finite and strictly positive. */
    public static double requirePositive(String name, double value) {
        requireFinite(name, value);
        if (value <= 0) {
            throw new InvalidInputException(name + " must be > 0, got " + value);
        }
        return value;
    }

    /** Throws unless every entry of {@code values} is finite; names the first offending index. */
    public static double[] requireAllFinite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException(name + " holds a non-finite value (" + values[i] + ") at index " + i);
            }
        }
        return values;
    }
}
