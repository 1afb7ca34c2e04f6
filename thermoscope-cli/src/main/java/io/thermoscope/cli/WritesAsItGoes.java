package io.thermoscope.cli;

/**
 * Marks a command whose files must reach the disk as they are made (resumable runs: checkpoints, finished
 * claims) instead of being staged and committed together at the end (see {@link Main}). Its
 * {@link OutputPath.Directory} options are still owned for its lifetime, and directories it created are removed
 * on failure if still empty.
 */
public interface WritesAsItGoes {
}
