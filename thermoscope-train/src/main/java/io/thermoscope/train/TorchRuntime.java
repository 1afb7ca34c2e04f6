package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starts DJL's PyTorch engine offline: the native libtorch comes from the {@code pytorch-native-cpu} jar on the
 * class path (extracted once into the DJL cache, {@code ~/.djl.ai}); {@code ai.djl.offline=true} is set before
 * the engine starts, so DJL never tries to download anything. Inter-op threads are fixed to 1; intra-op threads
 * are set per run (results are bitwise reproducible for a fixed thread count).
 */
public final class TorchRuntime {
    private static Engine engine;

    private TorchRuntime() {
    }

    /** The PyTorch engine, started offline on first use, with {@code threads} intra-op threads. */
    public static synchronized Engine start(int threads) {
        if (engine == null) {
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            }
            engine = Engine.getEngine("PyTorch");
            JniUtils.setGradMode(false);
        }
        if (JniUtils.getNumThreads() != threads) JniUtils.setNumThreads(threads);
        return engine;
    }

    /** Version of the native PyTorch library in use. */
    public static String pytorchVersion() {
        return start(1).getVersion();
    }
}
