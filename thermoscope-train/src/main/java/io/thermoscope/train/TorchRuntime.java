package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Starts DJL's PyTorch engine offline and makes its arithmetic reproducible. The native libtorch comes from the
 * {@code pytorch-native-cpu} jar on the class path (extracted once into the DJL cache, {@code ~/.djl.ai});
 * {@code ai.djl.offline=true} is set before the engine starts, so DJL never tries to download anything.
 *
 * <p><b>Determinism.</b> libtorch 2.5.1's CPU build carries Intel oneMKL 2024.0, which computes every matrix
 * product here. With MKL's default settings, repeated runs with the same seed and one thread diverged at random
 * steps when the machine was loaded (measured on the project's AMD EPYC machines: docs/benchmarks.md); MKL's
 * conditional numerical reproducibility mode {@code COMPATIBLE} removed the divergence. It is set here, in-process,
 * through MKL's own service function ({@code mkl_serv_cbwr_set}, exported by {@code libtorch_cpu.so}) right after
 * the library is loaded and before the first product, so it holds wherever a run happens — the CLI, the
 * sweep's child JVMs, tests and a user's JVM — without an environment variable. If MKL has already computed
 * something in this JVM under another mode (PyTorch used before this class), the mode can no longer change:
 * {@link #start} then refuses with an {@link IllegalStateException} that says what to do, rather than train a
 * run that would not be reproducible. The mode can be chosen with the system property
 * {@code thermoscope.mkl.cbwr} (COMPATIBLE, AUTO, AVX2, …, or OFF to leave MKL alone).
 * Intra-op threads are set on every call, for the calling thread (MKL's thread count is per thread).
 *
 * <p><b>Memory.</b> libtorch allocates every intermediate tensor with {@code malloc}; with glibc's defaults the
 * megabyte-sized tensors of a training step are mapped and unmapped (or trimmed) at every step and re-fault their
 * pages each time, which profiling showed as a tenth of a step. {@link #start} raises glibc's mmap and trim
 * thresholds ({@code mallopt}) so freed blocks are reused; the arithmetic is unchanged.
 */
public final class TorchRuntime {
    /** The system property naming MKL's reproducibility mode. */
    public static final String MODE_PROPERTY = "thermoscope.mkl.cbwr";
    /** The mode used when the property is absent. */
    public static final String DEFAULT_MODE = "COMPATIBLE";

    private static Engine engine;
    private static String determinism = "not started";

    private TorchRuntime() {
    }

    /** The PyTorch engine, started offline on first use, with {@code threads} intra-op threads for this thread. */
    public static synchronized Engine start(int threads) {
        if (engine == null) {
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            }
            keepFreedMemory();
            Engine e = Engine.getEngine("PyTorch");
            JniUtils.setGradMode(false);
            determinism = reproducible(System.getProperty(MODE_PROPERTY, DEFAULT_MODE));
            engine = e;
        }
        JniUtils.setNumThreads(threads); // sets OpenMP's and MKL's thread count of the calling thread
        return engine;
    }

    /** How arithmetic is made reproducible, e.g. "MKL CNR COMPATIBLE" (for config.json and benchmarks). */
    public static synchronized String determinism() {
        return determinism;
    }

    /** Version of the native PyTorch library in use. */
    public static String pytorchVersion() {
        return start(1).getVersion();
    }

    /** MKL's conditional-numerical-reproducibility branch codes (mkl_cbwr.h). */
    private enum Branch {
        OFF(0), AUTO(2), COMPATIBLE(3), SSE2(4), SSSE3(6), SSE4_1(7), SSE4_2(8), AVX(9), AVX2(10), AVX512(12);

        final int code;

        Branch(int code) {
            this.code = code;
        }

        static Branch of(int code) {
            for (Branch b : values()) if (b.code == code) return b;
            return null;
        }
    }

    /** Sets MKL's branch to {@code mode} (verifying it took effect) and describes the result. */
    private static String reproducible(String mode) {
        Branch want;
        try {
            want = Branch.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unknown MKL reproducibility mode " + MODE_PROPERTY + "=" + mode);
        }
        if (want == Branch.OFF) return "MKL reproducibility mode left unset (" + MODE_PROPERTY + "=OFF)";
        NativeLibrary lib = NativeLibrary.getInstance(libtorchCpu().toString());
        Function get = lib.getFunction("mkl_serv_cbwr_get"), set = lib.getFunction("mkl_serv_cbwr_set");
        int branchQuery = 1; // MKL_CBWR_BRANCH
        if (get.invokeInt(new Object[] {branchQuery}) != want.code) {
            int rc = set.invokeInt(new Object[] {want.code});
            int now = get.invokeInt(new Object[] {branchQuery});
            if (now != want.code) {
                Branch b = Branch.of(now);
                throw new IllegalStateException("cannot make MKL reproducible (mode " + want + ", status " + rc + "): MKL already "
                        + "computed in this JVM in mode " + (b == null ? now : b) + " — start io.thermoscope.train.TorchRuntime "
                        + "before any other PyTorch work, or set MKL_CBWR=" + want + " in the environment");
            }
        }
        return "MKL CNR " + want;
    }

    /** glibc: blocks up to 32 MiB from the heap, never trimmed below 1 GiB, 64 MiB extra per heap extension. */
    private static void keepFreedMemory() {
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            int trimThreshold = -1, topPad = -2, mmapThreshold = -3; // M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD
            mallopt.invokeInt(new Object[] {mmapThreshold, 32 << 20});
            mallopt.invokeInt(new Object[] {trimThreshold, 1 << 30});
            mallopt.invokeInt(new Object[] {topPad, 64 << 20});
        } catch (UnsatisfiedLinkError e) {
            // not glibc: keep the C library's defaults (speed only)
        }
    }

    /** The loaded {@code libtorch_cpu.so}, from the process's memory map. */
    private static Path libtorchCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.endsWith("/libtorch_cpu.so")) return Path.of(line.substring(slash));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/maps to find libtorch_cpu.so: " + e.getMessage(), e);
        }
        throw new IllegalStateException("libtorch_cpu.so is not loaded; the PyTorch engine did not start");
    }
}
