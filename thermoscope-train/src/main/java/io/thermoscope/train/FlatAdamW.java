package io.thermoscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.thermoscope.InvalidInputException;

/**
 * AdamW with decoupled weight decay (Loshchilov &amp; Hutter 2019) over one flat parameter buffer holding S runs
 * (run-major, [S, perRun]): one chain of a dozen element-wise operations updates every parameter of every run,
 * whatever the number of tensors. Each run has its own learning rate and weight decay (broadcast as an [S, 1]
 * column when they differ, scalars when they agree); β₁, β₂, ε are shared. Step for step it is PyTorch's
 * {@code torch.optim.AdamW}: θ ← θ(1 − ηλ); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * θ ← θ − (η/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε).
 */
public final class FlatAdamW {
    private final int runs;
    private final long perRun;
    private final double[] lr, weightDecay;
    private final double beta1, beta2, eps;
    private final NDArray m, v;
    private int t;

    /**
     * Zero moments for S = {@code lr.length} runs of {@code perRun} floats each, owned by {@code manager}.
     *
     * @param lr          peak learning rate per run
     * @param weightDecay decoupled weight decay per run
     */
    public FlatAdamW(NDManager manager, long perRun, double[] lr, double[] weightDecay, double beta1, double beta2,
                     double eps) {
        if (lr.length < 1 || lr.length != weightDecay.length) {
            throw new InvalidInputException("AdamW needs one learning rate and one weight decay per run (S >= 1)");
        }
        this.runs = lr.length;
        this.perRun = perRun;
        this.lr = lr.clone();
        this.weightDecay = weightDecay.clone();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = manager.zeros(new Shape(runs, perRun));
        this.v = manager.zeros(new Shape(runs, perRun));
    }

    /** First moments [S, perRun]. */
    public NDArray firstMoments() {
        return m;
    }

    /** Second moments [S, perRun]. */
    public NDArray secondMoments() {
        return v;
    }

    /** Steps taken so far. */
    public int stepCount() {
        return t;
    }

    /** Restores the moments and the step counter (from a checkpoint). */
    public void restore(float[] firstMoments, float[] secondMoments, int steps) {
        m.set(firstMoments);
        v.set(secondMoments);
        t = steps;
    }

    /**
     * One update of the flat buffer {@code params} from its gradient {@code grad} (both [S·perRun] or [S, perRun])
     * with the learning rates scaled by {@code lrFactor} (the warm-up); runs with {@code active[s]} false are
     * frozen (η = 0: their parameters do not change); temporaries go to {@code scratch}.
     */
    public void step(NDArray params, NDArray grad, double lrFactor, boolean[] active, NDManager scratch) {
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        double[] decay = new double[runs], stepSize = new double[runs];
        for (int s = 0; s < runs; s++) {
            double eta = active[s] ? lr[s] * lrFactor : 0;
            decay[s] = 1 - eta * weightDecay[s];   // decoupled decay factor 1 − ηλ
            stepSize[s] = eta / bc1;               // η/(1−β₁ᵗ)
        }
        NDArray p = params.reshape(runs, perRun), g = grad.reshape(runs, perRun);
        p.attach(scratch);
        g.attach(scratch);
        float rootBc2 = (float) Math.sqrt(bc2);
        scaleInPlace(p, decay, scratch);                                         // θ ← θ(1 − ηλ)
        m.muli((float) beta1).addi(attached(g.mul((float) (1 - beta1)), scratch)); // m ← β₁m + (1−β₁)g
        NDArray g2 = attached(g.square(), scratch);
        v.muli((float) beta2).addi(g2.muli((float) (1 - beta2)));                 // v ← β₂v + (1−β₂)g²
        NDArray denom = attached(v.sqrt(), scratch);
        denom.divi(rootBc2).addi((float) eps);                                   // √v/√(1−β₂ᵗ) + ε
        NDArray upd = attached(m.div(denom), scratch);
        scaleInPlace(upd, stepSize, scratch);
        p.subi(upd);                                                             // θ ← θ − η/(1−β₁ᵗ)·m/(√v̂ + ε)
    }

    /** x[s, :] *= f[s] in place: one scalar when every run agrees, an [S, 1] column otherwise. */
    private static void scaleInPlace(NDArray x, double[] f, NDManager scratch) {
        boolean same = true;
        for (double a : f) same &= (float) a == (float) f[0];
        if (same) {
            x.muli((float) f[0]);
            return;
        }
        float[] col = new float[f.length];
        for (int i = 0; i < f.length; i++) col[i] = (float) f[i];
        x.muli(scratch.create(col, new Shape(f.length, 1)));
    }

    private static NDArray attached(NDArray a, NDManager scratch) {
        a.attach(scratch);
        return a;
    }
}
