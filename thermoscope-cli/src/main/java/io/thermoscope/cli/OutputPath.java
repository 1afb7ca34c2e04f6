package io.thermoscope.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks an option as an output path, so that {@link Main} can check it before the command runs and own it
 * while it runs: {@code @Option(names = "--out", converter = OutputPath.Directory.class) Path out} for a
 * directory the command fills (locked for the command's lifetime: a second process is refused at once), and
 * {@code converter = OutputPath.File.class} for a single output file (checked to be writable up front).
 */
public final class OutputPath {
    private OutputPath() {
    }

    /** An output directory. */
    public static final class Directory implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return Path.of(value);
        }
    }

    /** An output file. */
    public static final class File implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return Path.of(value);
        }
    }

    /** The values (given or defaulted, non-null) of the options of {@code spec} marked with {@code kind}. */
    static List<Path> values(CommandSpec spec, Class<? extends ITypeConverter<Path>> kind) {
        List<Path> paths = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            ITypeConverter<?>[] cs = o.converters();
            if (cs != null && cs.length > 0 && kind.isInstance(cs[0]) && o.getValue() instanceof Path p) paths.add(p);
        }
        return paths;
    }
}
