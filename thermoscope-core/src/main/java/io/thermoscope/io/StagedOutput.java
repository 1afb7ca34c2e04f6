package io.thermoscope.io;

import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A command's output files committed together. While a stage is open on a thread, every
 * {@link AtomicFiles} write of that thread is held here instead of touching the disk; {@link #commit()} then
 * creates the directories, writes every file to a temporary sibling, and renames them all into place while
 * holding the {@link DirectoryLock} of each directory. A failure at any step, an exception in the command, or
 * a close without commit leaves nothing new behind: no file, no temporary, no directory the stage created.
 * Ctrl-C during the commit is covered by the shutdown hook of {@link TemporaryFiles}: the renames happen under
 * its lock, so they all happen or the temporaries are deleted.
 * <p>
 * A command that writes a whole directory {@link #own owns} it from the start: the directory's lock is held
 * until the stage closes, so a second process aiming at the same directory is refused at once instead of
 * computing for nothing. A stage begun with {@link #passThrough} stages no files (for commands whose output must
 * reach the disk as it is made, such as resumable runs) but still owns directories and removes those it
 * created if they are still empty when it closes uncommitted.
 *
 * <pre>{@code
 * try (StagedOutput stage = StagedOutput.begin("thermoscope langevin --out x")) {
 *     ... compute, AtomicFiles.write(...) / Json.write(...) / figure.save(...) ...
 *     stage.commit();
 * }
 * }</pre>
 */
public final class StagedOutput implements AutoCloseable {
    /** How long a commit waits for another process's commit into the same directory. */
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(10);
    private static final ThreadLocal<StagedOutput> CURRENT = new ThreadLocal<>();

    private final String owner;
    private final boolean staging;
    private final StagedOutput previous;
    private final Thread thread;
    private final Map<Path, Staged> files = new LinkedHashMap<>();
    private final Map<Path, DirectoryLock> owned = new LinkedHashMap<>();
    private final Deque<Path> createdDirs = new ArrayDeque<>();
    private boolean finished;

    private record Staged(Path shown, byte[] bytes) {
    }

    private StagedOutput(String owner, boolean staging, StagedOutput previous) {
        this.owner = owner;
        this.staging = staging;
        this.previous = previous;
        this.thread = Thread.currentThread();
    }

    /**
     * Opens a stage on the calling thread; {@code owner} describes this process to a concurrent one that finds
     * a directory locked (e.g. the command line).
     */
    public static StagedOutput begin(String owner) {
        StagedOutput s = new StagedOutput(owner, true, CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** A stage that stages no files (writes go straight to disk) but owns directories; see the class comment. */
    public static StagedOutput passThrough(String owner) {
        return new StagedOutput(owner, false, null);
    }

    /**
     * Takes the {@link DirectoryLock} of {@code dir} until this stage closes, creating the directory (and
     * removing it again if the stage closes uncommitted and it is empty). Throws
     * {@link DirectoryInUseException} if another process owns it.
     */
    public void own(Path dir) {
        if (finished) throw new IllegalStateException("the stage is already committed or closed");
        Path abs = dir.toAbsolutePath().normalize();
        if (owned.containsKey(abs)) return;
        FileErrors.requireWritableDirectory(dir);
        createDirectories(abs, createdDirs, dir);
        owned.put(abs, DirectoryLock.acquire(dir, owner));   // on failure, close() removes what was created
    }

    /** The stage open on the calling thread, or null. */
    public static StagedOutput current() {
        return CURRENT.get();
    }

    /** Holds {@code bytes} for {@code target} until the commit (a later write of the same target replaces it). */
    void add(Path target, byte[] bytes) {
        if (!staging) throw new IllegalStateException("a pass-through stage holds no files");
        if (finished) throw new IllegalStateException("the stage is already committed or closed");
        FileErrors.requireWritableFile(target);
        files.put(target.toAbsolutePath().normalize(), new Staged(target, bytes.clone()));
    }

    /** The files staged so far, as they were named when written, in order of first write. */
    public List<Path> staged() {
        return files.values().stream().map(Staged::shown).toList();
    }

    /**
     * Writes every staged file into place together and releases the owned directories; afterwards the stage
     * is closed for writing. On failure nothing new is left, and the stage is closed as if uncommitted.
     */
    public void commit() {
        if (finished) throw new IllegalStateException("the stage is already committed or closed");
        finished = true;
        restoreCurrent();
        List<DirectoryLock> locks = new ArrayList<>();
        List<Path> temporaries = new ArrayList<>();
        boolean done = false;
        try {
            TreeSet<Path> dirs = new TreeSet<>();
            for (Path t : files.keySet()) dirs.add(t.getParent());
            for (Path d : dirs) createDirectories(d, createdDirs, shownFor(d));
            for (Path d : dirs) {
                if (!isOwned(d)) locks.add(DirectoryLock.acquire(d, owner, LOCK_PATIENCE));
            }
            List<Path> targets = new ArrayList<>(files.keySet());
            for (Path t : targets) {
                if (Files.isDirectory(t)) {
                    throw new InvalidInputException("cannot write " + files.get(t).shown() + ": it is a directory");
                }
                try {
                    temporaries.add(TemporaryFiles.create(t, files.get(t).bytes()));
                } catch (IOException e) {
                    throw FileErrors.writing(files.get(t).shown(), e);
                }
            }
            try {
                TemporaryFiles.atomically(() -> {
                    for (int i = 0; i < targets.size(); i++) TemporaryFiles.moveIntoPlace(temporaries.get(i), targets.get(i));
                });
            } catch (IOException e) {
                throw FileErrors.writing(files.get(targets.get(0)).shown(), e);
            }
            for (Path t : targets) TemporaryFiles.removeStale(t);
            done = true;
        } finally {
            for (DirectoryLock l : locks) l.close();
            if (!done) for (Path tmp : temporaries) TemporaryFiles.discard(tmp);
            release(!done);
        }
    }

    /** Discards whatever was staged and not committed, releases owned directories, ends the stage. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            restoreCurrent();
            release(true);
        }
    }

    private void release(boolean removeCreated) {
        for (DirectoryLock l : owned.values()) l.close();
        owned.clear();
        if (removeCreated) removeCreated(createdDirs);
        createdDirs.clear();
        files.clear();
    }

    private boolean isOwned(Path dir) {
        for (Path o : owned.keySet()) if (dir.startsWith(o)) return true;
        return false;
    }

    private void restoreCurrent() {
        if (Thread.currentThread() == thread && CURRENT.get() == this) {
            if (previous == null) CURRENT.remove();
            else CURRENT.set(previous);
        }
    }

    private Path shownFor(Path dir) {
        for (Map.Entry<Path, Staged> e : files.entrySet()) {
            if (e.getKey().getParent().equals(dir)) {
                Path p = e.getValue().shown().getParent();
                return p == null ? dir : p;
            }
        }
        return dir;
    }

    /** Creates {@code dir} and missing ancestors one by one, remembering (last created first) those it made. */
    private static void createDirectories(Path dir, Deque<Path> created, Path shown) {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) missing.push(p);
        try {
            while (!missing.isEmpty()) {
                Path p = missing.pop();
                try {
                    Files.createDirectory(p);
                    created.push(p);
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(p)) throw e;
                }
            }
        } catch (IOException e) {
            throw FileErrors.writing(shown, e);
        }
    }

    private static void removeCreated(Deque<Path> created) {
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // not empty: another process wrote into it meanwhile, so it is no longer only ours
            }
        }
    }
}
