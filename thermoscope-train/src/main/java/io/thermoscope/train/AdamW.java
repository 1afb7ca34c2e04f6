package io.thermoscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-tensor AdamW (the language model's optimiser, and the reference {@link FlatAdamW} is tested against): AdamW with decoupled weight decay (Loshchilov &amp; Hutter 2019), written on NDArrays and matching PyTorch's
 * {@code torch.optim.AdamW} step for step: θ ← θ(1 − ηλ); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * θ ← θ − (η/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε). Weight decay applies to every parameter.
 */
public final class AdamW {
    private final double beta1, beta2, eps, weightDecay;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private int t;

    /** An optimiser for {@code params} (moment buffers zero, step 0), state owned by {@code manager}. */
    public AdamW(Map<String, NDArray> params, NDManager manager, double beta1, double beta2, double eps,
                 double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (var e : params.entrySet()) {
            m.put(e.getKey(), manager.zeros(e.getValue().getShape()));
            v.put(e.getKey(), manager.zeros(e.getValue().getShape()));
        }
    }

    /** First-moment buffers by parameter name. */
    public Map<String, NDArray> firstMoments() {
        return m;
    }

    /** Second-moment buffers by parameter name. */
    public Map<String, NDArray> secondMoments() {
        return v;
    }

    /** Steps taken so far. */
    public int stepCount() {
        return t;
    }

    /** Restores the step counter (from a checkpoint). */
    public void setStepCount(int steps) {
        this.t = steps;
    }

    /**
     * One update of every parameter from its gradient with learning rate {@code lr}; temporaries go to
     * {@code scratch} (closed by the caller).
     */
    public void step(Map<String, NDArray> params, double lr, NDManager scratch) {
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        float decay = (float) (1 - lr * weightDecay);
        float stepSize = (float) (lr / bc1);
        float rootBc2 = (float) Math.sqrt(bc2);
        for (var e : params.entrySet()) {
            NDArray p = e.getValue();
            NDArray g = p.getGradient();
            g.attach(scratch);
            NDArray mi = m.get(e.getKey()), vi = v.get(e.getKey());
            p.muli(decay);                                             // decoupled weight decay θ ← θ(1 − ηλ)
            mi.muli((float) beta1).addi(g.mul((float) (1 - beta1)));    // m ← β₁m + (1−β₁)g
            vi.muli((float) beta2).addi(g.square().muli((float) (1 - beta2))); // v ← β₂v + (1−β₂)g²
            NDArray denom = vi.sqrt();
            denom.attach(scratch);
            denom.divi(rootBc2).addi((float) eps);
            NDArray upd = mi.div(denom);
            upd.attach(scratch);
            p.subi(upd.muli(stepSize));                                // θ ← θ − η/(1−β₁ᵗ) · m/(√v̂ + ε)
        }
    }
}
