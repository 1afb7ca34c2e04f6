package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.ensemble.AttentionMask;
import io.thermoscope.ensemble.DynamicalTemperature;
import io.thermoscope.io.ArrayFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by the commands that read an attention head's Q, K (and optionally W_Q, W_K). */
public final class HeadInputs {
    @Option(names = "--q", required = true, paramLabel = "Q.npy", description = "Queries [n_q × d_k] (.npy or text rows).")
    Path q;

    @Option(names = "--k", required = true, paramLabel = "K.npy", description = "Keys [n_k × d_k] (.npy or text rows).")
    Path k;

    @Option(names = "--causal", description = "Causal mask: query i sees keys up to its own position.")
    boolean causal;

    @Option(names = "--mask", paramLabel = "MASK.npy", description = "Explicit 0/1 mask [n_q × n_k] (1 = visible).")
    Path mask;

    @Option(names = "--wq", paramLabel = "WQ.npy", description = "W_Q [d_model × d_k], for T_eff and N_eff (Eqs. 25, 27).")
    Path wq;

    @Option(names = "--wk", paramLabel = "WK.npy", description = "W_K [d_model × d_k].")
    Path wk;

    double[][] queries() {
        return ArrayFiles.readMatrix(q, "Q");
    }

    double[][] keys() {
        return ArrayFiles.readMatrix(k, "K");
    }

    AttentionMask attentionMask() {
        if (causal && mask != null) throw new InvalidInputException("give either --causal or --mask, not both");
        if (mask != null) return AttentionMask.Explicit.fromNumbers(ArrayFiles.readMatrix(mask, "mask"));
        return causal ? new AttentionMask.Causal() : new AttentionMask.Full();
    }

    /** T_eff and N_eff from the weights, or null when they were not given. */
    DynamicalTemperature dynamicalTemperature() {
        if ((wq == null) != (wk == null)) throw new InvalidInputException("--wq and --wk must be given together");
        if (wq == null) return null;
        return DynamicalTemperature.of(ArrayFiles.readMatrix(wq, "W_Q"), ArrayFiles.readMatrix(wk, "W_K"));
    }
}
