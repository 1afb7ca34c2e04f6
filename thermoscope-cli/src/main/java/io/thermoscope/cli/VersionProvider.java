package io.thermoscope.cli;

import io.thermoscope.io.Provenance;
import picocli.CommandLine.IVersionProvider;

/** Prints the tool version, git commit and JDK. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"thermoscope " + Provenance.toolVersion() + " (commit " + Provenance.currentGitCommit() + ")",
                "JDK " + System.getProperty("java.vendor") + " " + Runtime.version()};
    }
}
