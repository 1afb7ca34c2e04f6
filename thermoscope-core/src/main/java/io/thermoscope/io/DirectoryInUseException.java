package io.thermoscope.io;

import io.thermoscope.InvalidInputException;

import java.nio.file.Path;

/** Another process (or another run in this one) holds the {@link DirectoryLock} of an output directory. */
public final class DirectoryInUseException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** The directory that is in use. */
    private final transient Path directory;

    /** Creates the exception for {@code directory}, naming its holder as far as it is known. */
    public DirectoryInUseException(Path directory, String holder) {
        super(directory + " is in use by " + holder + "; wait for it to finish or choose another output directory");
        this.directory = directory;
    }

    /** The directory that is in use. */
    public Path directory() {
        return directory;
    }
}
