package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Starts DJL's PyTorch engine offline: the native libtorch comes from the {@code pytorch-native-cpu} jar on the
 * class path (extracted once into the DJL cache, {@code ~/.djl.ai}); {@code ai.djl.offline=true} is set before the
 * engine starts, so DJL never tries to download anything. Inter-op threads are fixed to 1; intra-op threads are set
 * on every call for the calling thread (MKL's thread count is per thread), so a run is bitwise reproducible for a
 * fixed thread count wherever it trains.
 *
 * <p><b>Memory.</b> libtorch allocates every intermediate tensor with {@code malloc}; with glibc's defaults the
 * megabyte-sized tensors of a training step are mapped and unmapped (or trimmed) at every step and re-fault their
 * pages each time, which profiling showed as a tenth of a step. {@link #start} raises glibc's mmap and trim
 * thresholds ({@code mallopt}) so freed blocks are reused; the arithmetic is unchanged.
 */
public final class TorchRuntime {
    private static Engine engine;

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
            engine = e;
        }
        JniUtils.setNumThreads(threads); // sets OpenMP's and MKL's thread count of the calling thread
        return engine;
    }

    /** Version of the native PyTorch library in use. */
    public static String pytorchVersion() {
        return start(1).getVersion();
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
}
