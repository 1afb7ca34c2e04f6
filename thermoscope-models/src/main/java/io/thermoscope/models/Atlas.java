package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import io.thermoscope.distance.DecayFit;
import io.thermoscope.distance.DistanceProfile;
import io.thermoscope.ensemble.AttentionHeadProbe;
import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.EnsembleStatistics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The per-head thermodynamic atlas of a pretrained encoder: for every layer and head, the Boltzmann ensemble of
 * each query's row of energies E_j = −score_j·T at T = √d_k (so its equilibrium distribution is the model's own
 * attention row), aggregated over queries and prompts with streaming statistics, and the distance-decay law of the
 * attention mass. Memory is flat in the corpus size: one prompt's attention is held at a time, per-head sums are
 * merged prompt by prompt, and distance profiles are a fixed-size seeded reservoir.
 */
public final class Atlas {

    private Atlas() {
    }

    /** Runs the atlas of {@code source} on {@code prompts} (loads the model, closes it afterwards). */
    public static AtlasResult run(ModelSource source, List<String> prompts, AtlasOptions options) {
        try (AttentionModel model = AttentionModel.load(source)) {
            return run(model, prompts, options, System.err::println);
        }
    }

    /** Runs the atlas on an open model; truncation warnings go to {@code warnings} (may be null). */
    public static AtlasResult run(AttentionModel model, List<String> prompts, AtlasOptions options,
                                  Consumer<String> warnings) {
        if (prompts.isEmpty()) throw new InvalidInputException("no prompts given");
        Accumulator acc = new Accumulator(options);
        for (String prompt : prompts) {
            if (prompt.isBlank()) continue;
            long[] ids = model.fit(prompt, options.truncate(), warnings);
            acc.add(model.forward(ids, false));
        }
        if (acc.heads == null) throw new InvalidInputException("every prompt is blank");
        return acc.result(model.source().name(), options);
    }

    /** Streaming per-head statistics over forward passes. */
    static final class Accumulator {
        private final AtlasOptions options;
        private final SplittableRandom rng;
        HeadAccumulator[][] heads;
        int prompts;
        long tokens;
        int dk;

        Accumulator(AtlasOptions options) {
            this.options = options;
            this.rng = new SplittableRandom(options.seed());
        }

        void add(Forward f) {
            int n = f.tokens();
            if (heads == null) {
                dk = AttentionModel.keyDimension(f);
                heads = new HeadAccumulator[f.layers()][f.heads()];
                for (int l = 0; l < f.layers(); l++) {
                    for (int h = 0; h < f.heads(); h++) {
                        // one reservoir stream per head, split deterministically: identical for any thread count
                        heads[l][h] = new HeadAccumulator(options.maxProfilesPerHead(), rng.split());
                    }
                }
            } else if (heads.length != f.layers() || heads[0].length != f.heads()) {
                throw new InvalidInputException("forward passes disagree on layers × heads");
            }
            double T = Math.sqrt(dk); // T = √d_k (Eq. 9)
            int H = f.heads();
            IntStream.range(0, f.layers() * H).parallel().forEach(lh -> addHead(f, lh / H, lh % H, n, T));
            prompts++;
            tokens += n;
        }

        /** One head of one forward pass: per-query ensembles merged into the head, kept profiles offered. */
        private void addHead(Forward f, int l, int h, int n, double T) {
            BoltzmannEnsemble ensemble = new BoltzmannEnsemble(n);
            double[] e = new double[n];
            int skip = options.skipSpecialTokens() && n > 2 ? 1 : 0;
            List<EnsembleStatistics> perQuery = new ArrayList<>(n);
            HeadAccumulator acc = heads[l][h];
            for (int i = 0; i < n; i++) {
                f.energies(l, h, i, T, e); // E_ij = −q_i·k_j (Eq. 7)
                EnsembleStatistics st = ensemble.compute(e, 0, n, T);
                perQuery.add(st);
                if (i < skip || i >= n - skip) continue;
                int slot = acc.slot(); // reservoir decision first: build only profiles that are kept
                if (slot < 0) continue;
                // the model's attention row p_j = exp(−E_j/T − ln Z) (Eq. 22) = softmax(scores); [CLS]/[SEP] dropped
                // if asked (DistanceProfile renormalises the rest)
                double[] p = new double[n - 2 * skip];
                for (int j = 0; j < p.length; j++) p[j] = Math.exp(-e[j + skip] / T - st.logZ());
                DistanceProfile profile = DistanceProfile.fromRow(p, i - skip, options.direction());
                if (profile != null) acc.put(slot, profile);
            }
            acc.merge(AttentionHeadProbe.aggregate(perQuery));
        }

        AtlasResult result(String model, AtlasOptions options) {
            double T = Math.sqrt(dk);
            List<HeadStats> out = new ArrayList<>();
            for (int l = 0; l < heads.length; l++) {
                for (int h = 0; h < heads[l].length; h++) {
                    out.add(heads[l][h].stats(l, h, T, options.decay()));
                }
            }
            return new AtlasResult(model, heads.length, heads[0].length, dk, T, prompts, tokens,
                    options.direction().name().toLowerCase(java.util.Locale.ROOT)
                            + (options.skipSpecialTokens() ? ", first/last token excluded" : ""), out);
        }
    }

    /** One head's running sums: query-weighted means merged prompt by prompt, C_v variance by Chan's formula. */
    static final class HeadAccumulator {
        long n;
        double logZ, f, u, s, cv, cvM2, nEff;
        final List<DistanceProfile> reservoir = new ArrayList<>();
        long seen;
        final int capacity;

        final SplittableRandom rng;

        HeadAccumulator(int capacity, SplittableRandom rng) {
            this.capacity = capacity;
            this.rng = rng;
        }

        void merge(AttentionHeadProbe.Aggregate a) {
            long m = a.queries();
            long total = n + m;
            double w = (double) m / total;
            logZ += (a.logZ() - logZ) * w;
            f += (a.F() - f) * w;
            u += (a.U() - u) * w;
            s += (a.S() - s) * w;
            nEff += (a.nEff() - nEff) * w;
            double delta = a.Cv() - cv;
            double m2b = a.CvStd() * a.CvStd() * (m - 1);
            cvM2 += m2b + delta * delta * n * (double) m / total; // parallel variance merge (Chan et al.)
            cv += delta * w;
            n = total;
        }

        /**
         * Reservoir sampling (Algorithm R) for the next candidate profile: the index to store it at, or −1 to drop
         * it; every candidate ends up kept with the same probability capacity/seen.
         */
        int slot() {
            seen++;
            if (reservoir.size() < capacity) return reservoir.size();
            long j = rng.nextLong(seen);
            return j < capacity ? (int) j : -1;
        }

        /** Stores a profile at a slot from {@link #slot}. */
        void put(int slot, DistanceProfile p) {
            if (slot == reservoir.size()) {
                reservoir.add(p);
            } else {
                reservoir.set(slot, p);
            }
        }

        HeadStats stats(int layer, int head, double T, DecayFit.Options decay) {
            double cvStd = n > 1 ? Math.sqrt(cvM2 / (n - 1)) : 0;
            double nan = Double.NaN;
            if (reservoir.isEmpty()) {
                return new HeadStats(layer, head, T, n, logZ, f, u, s, cv, cvStd, nEff, nan, nan, nan, nan, nan, nan,
                        nan, "none", nan, 0);
            }
            DecayFit.Result r = DecayFit.fit(reservoir, decay);
            DecayFit.Estimate m = r.mle();
            return new HeadStats(layer, head, T, n, logZ, f, u, s, cv, cvStd, nEff, m.gamma(), m.gammaLo(), m.gammaHi(),
                    m.lambda(), m.lambdaLo(), m.lambdaHi(), r.ols().gamma(), m.converged() ? m.phase() : "none",
                    r.r2(), r.profiles());
        }
    }
}
