package io.thermoscope.train.lm;

import io.thermoscope.rope.RotaryEmbedding;

/**
 * The RoPE tables of a decoder, float32 as the model uses them: cos(m·θ_i) and sin(m·θ_i) for positions
 * m = 0 … context − 1 and i = 0 … d_k/2 − 1, each repeated over the pair (2i, 2i+1), with θ_i = base^(−2i/d_k) from
 * {@link RotaryEmbedding} (Eq. 33); and the sign vector (−1, +1) of the pair rotation rot(x) = (−x_{2i+1}, x_{2i}).
 * Computed with {@link StrictMath} so that the trainer and the ONNX export hold the same bits on every machine.
 *
 * @param cos  [context × d_k] row-major
 * @param sin  [context × d_k] row-major
 * @param sign (−1, +1)
 */
public record RopeTables(float[] cos, float[] sin, float[] sign) {

    /** The tables of {@code arch}. */
    public static RopeTables of(LmConfig.Architecture arch) {
        int c = arch.context(), dk = arch.dk();
        double[] theta = new RotaryEmbedding(dk, arch.ropeBase()).frequencies(); // θ_i = base^(−2i/d_k)
        float[] cos = new float[c * dk], sin = new float[c * dk];
        for (int m = 0; m < c; m++) {
            for (int i = 0; i < dk / 2; i++) {
                double angle = m * theta[i]; // position m rotates pair i by m·θ_i (Eq. 33)
                float cs = (float) StrictMath.cos(angle), sn = (float) StrictMath.sin(angle);
                cos[m * dk + 2 * i] = cs;
                cos[m * dk + 2 * i + 1] = cs;
                sin[m * dk + 2 * i] = sn;
                sin[m * dk + 2 * i + 1] = sn;
            }
        }
        return new RopeTables(cos, sin, new float[] {-1f, 1f});
    }
}
