package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.EnsembleStatistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Hallucination as the heat term TdS (Kim 2026, §IV.B.1), operationalised on a decoder before anything is measured:
 * continuations of held-out prompts are sampled at several temperatures τ. Every sampled token is drawn from the
 * Boltzmann distribution of the output energies E_v = −logit_v at temperature τ (Eqs. 22–24), whose internal
 * energy U = ⟨E⟩, entropy S and free energy F = U − τS are recorded; its <em>heat share</em> is
 * h = τS / (U − E₀ + τS), E₀ = min_v E_v: the part of the token's free-energy budget above the ground state that is
 * thermal (0 for a certain choice, 1 for a uniform one). The error measured against it: generated words (maximal runs
 * of letters, lower-cased, complete on both sides) that never occur in the training text — words the corpus does not
 * contain. A word's heat share is the mean of its tokens'.
 */
public final class SamplingHeat {
    private SamplingHeat() {
    }

    /**
     * What is sampled.
     *
     * @param temperatures sampling temperatures τ &gt; 0
     * @param promptTokens tokens of each prompt (the start of a held-out document)
     * @param newTokens    tokens sampled after each prompt
     * @param seed         sampling seed
     */
    public record Options(List<Double> temperatures, int promptTokens, int newTokens, long seed) {
        /** Validates the options. */
        public Options {
            temperatures = List.copyOf(temperatures);
            if (temperatures.isEmpty()) throw new InvalidInputException("at least one sampling temperature is needed");
            for (double t : temperatures) InvalidInputException.requirePositive("sampling temperature", t);
            if (promptTokens < 1 || newTokens < 1) throw new InvalidInputException("prompt and continuation need >= 1 token");
        }
    }

    /**
     * One sampled word.
     *
     * @param text       the word (lower-cased)
     * @param heatShare  mean heat share of the tokens that produced it
     * @param known      whether the word occurs in the training text
     */
    public record Word(String text, double heatShare, boolean known) {
    }

    /**
     * One continuation.
     *
     * @param document   the prompt's document
     * @param tau        sampling temperature
     * @param prompt     the prompt's text
     * @param text       the continuation's text
     * @param meanU      mean internal energy of the sampled tokens' distributions
     * @param meanS      mean entropy
     * @param meanF      mean free energy
     * @param meanHeat   mean heat share
     * @param words      the complete words of the continuation
     */
    public record Continuation(String document, double tau, String prompt, String text, double meanU, double meanS,
                               double meanF, double meanHeat, List<Word> words) {
        /** Share of the words not in the training text (NaN without words). */
        public double unknownRate() {
            return words.isEmpty() ? Double.NaN : words.stream().filter(w -> !w.known()).count() / (double) words.size();
        }
    }

    /**
     * A held-out prompt.
     *
     * @param document its document id
     * @param text     the document's text (its first {@code promptTokens} tokens are the prompt)
     */
    public record Prompt(String document, String text) {
    }

    /**
     * Samples every prompt at every temperature (one batched ONNX Runtime pass per new token) and measures the tokens
     * and words; {@code vocabulary} holds the training text's words ({@link #words(String)}).
     */
    public static List<Continuation> run(AttentionModel model, List<Prompt> prompts, Set<String> vocabulary, Options o) {
        int total = o.promptTokens() + o.newTokens();
        if (total > model.maxPositions()) {
            throw new InvalidInputException("prompt + continuation (" + total + " tokens) exceed the model's "
                    + model.maxPositions() + " positions");
        }
        List<long[]> seqs = new ArrayList<>();
        List<double[]> tokenHeat = new ArrayList<>();
        List<double[]> tokenUSF = new ArrayList<>();
        List<Double> taus = new ArrayList<>();
        List<Prompt> owners = new ArrayList<>();
        for (Prompt p : prompts) {
            long[] ids = model.tokenize(p.text());
            if (ids.length < o.promptTokens()) {
                throw new InvalidInputException("document " + p.document() + " has fewer than " + o.promptTokens() + " tokens");
            }
            for (double tau : o.temperatures()) {
                long[] s = Arrays.copyOf(ids, total);
                seqs.add(s);
                tokenHeat.add(new double[o.newTokens()]);
                tokenUSF.add(new double[3]);
                taus.add(tau);
                owners.add(p);
            }
        }
        SplittableRandom root = new SplittableRandom(o.seed());
        SplittableRandom[] rng = new SplittableRandom[seqs.size()];
        for (int i = 0; i < rng.length; i++) rng[i] = root.split(); // one stream per continuation
        for (int t = o.promptTokens(); t < total; t++) {
            long[][] batch = new long[seqs.size()][];
            for (int i = 0; i < batch.length; i++) batch[i] = Arrays.copyOf(seqs.get(i), t);
            float[][] logits = model.lastLogits(batch);
            for (int i = 0; i < batch.length; i++) {
                double tau = taus.get(i);
                double[] e = new double[logits[i].length];
                for (int v = 0; v < e.length; v++) e[v] = -logits[i][v]; // output energies E_v = −logit_v
                EnsembleStatistics st = BoltzmannEnsemble.of(e, tau); // U, S, F = U − τS at τ (Eqs. 23–24)
                double heat = tau * st.S() / (st.U() - st.eMin() + tau * st.S()); // the thermal share of the budget
                tokenHeat.get(i)[t - o.promptTokens()] = Double.isFinite(heat) ? heat : 0;
                double[] usf = tokenUSF.get(i);
                usf[0] += st.U() / o.newTokens();
                usf[1] += st.S() / o.newTokens();
                usf[2] += st.F() / o.newTokens();
                seqs.get(i)[t] = draw(BoltzmannEnsemble.probabilities(e, tau), rng[i]);
            }
        }
        List<Continuation> out = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            long[] s = seqs.get(i);
            String prompt = model.decode(Arrays.copyOf(s, o.promptTokens()));
            double[] charHeat = characterHeat(model, s, o.promptTokens(), tokenHeat.get(i));
            String text = model.decode(Arrays.copyOfRange(s, o.promptTokens(), total));
            double[] usf = tokenUSF.get(i);
            out.add(new Continuation(owners.get(i).document(), taus.get(i), prompt, text, usf[0], usf[1], usf[2],
                    mean(tokenHeat.get(i)), words(text, charHeat, vocabulary)));
        }
        return out;
    }

    /** A token drawn from probabilities {@code p}. */
    private static int draw(double[] p, SplittableRandom rng) {
        double u = rng.nextDouble(), acc = 0;
        for (int v = 0; v < p.length; v++) {
            acc += p[v];
            if (u < acc) return v;
        }
        return p.length - 1;
    }

    /**
     * The heat share of each character of the decoded continuation: the characters a token adds to the decoded text
     * (beyond the common prefix with the text before it) take that token's heat share.
     */
    static double[] characterHeat(AttentionModel model, long[] seq, int from, double[] heat) {
        String prev = "";
        List<Double> perChar = new ArrayList<>();
        for (int t = from; t < seq.length; t++) {
            String cur = model.decode(Arrays.copyOfRange(seq, from, t + 1));
            int common = 0;
            while (common < prev.length() && common < cur.length() && prev.charAt(common) == cur.charAt(common)) common++;
            while (perChar.size() > common) perChar.remove(perChar.size() - 1);
            for (int c = common; c < cur.length(); c++) perChar.add(heat[t - from]);
            prev = cur;
        }
        double[] out = new double[perChar.size()];
        for (int i = 0; i < out.length; i++) out[i] = perChar.get(i);
        return out;
    }

    /**
     * The complete words of {@code text} with their heat: maximal runs of letters, lower-cased; a run touching either
     * end of the text is left out (it may continue in the prompt or past the last token).
     */
    static List<Word> words(String text, double[] charHeat, Set<String> vocabulary) {
        List<Word> out = new ArrayList<>();
        int i = 0, n = Math.min(text.length(), charHeat.length);
        while (i < n) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            double h = 0;
            while (j < n && Character.isLetter(text.charAt(j))) h += charHeat[j++];
            if (i > 0 && j < n) {
                String w = text.substring(i, j).toLowerCase(Locale.ROOT);
                out.add(new Word(w, h / (j - i), vocabulary.contains(w)));
            }
            i = j;
        }
        return out;
    }

    /** The words (maximal runs of letters, lower-cased) of a text: the vocabulary of the training documents. */
    public static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < text.length() && Character.isLetter(text.charAt(j))) j++;
            out.add(text.substring(i, j).toLowerCase(Locale.ROOT));
            i = j;
        }
        return out;
    }

    /**
     * The area under the ROC curve of the heat share for telling unknown words from known ones (Mann–Whitney:
     * the probability that an unknown word's heat exceeds a known word's, ties counting ½); NaN without both kinds.
     */
    public static double auc(List<Word> words) {
        double[] unknown = words.stream().filter(w -> !w.known()).mapToDouble(Word::heatShare).sorted().toArray();
        double[] known = words.stream().filter(Word::known).mapToDouble(Word::heatShare).sorted().toArray();
        if (unknown.length == 0 || known.length == 0) return Double.NaN;
        double wins = 0;
        int lo = 0, hi = 0;
        for (double u : unknown) {
            while (lo < known.length && known[lo] < u) lo++;
            hi = Math.max(hi, lo);
            while (hi < known.length && known[hi] <= u) hi++;
            wins += lo + 0.5 * (hi - lo); // known below u, half of the ties
        }
        return wins / ((double) unknown.length * known.length);
    }

    /**
     * The AUC of {@link #auc} within each τ (the words of every continuation at that τ pooled), averaged over the τ
     * that have both kinds of word; NaN when none has.
     */
    public static double meanAuc(List<Continuation> continuations, List<Double> taus) {
        double sum = 0;
        int n = 0;
        for (double tau : taus) {
            List<Word> words = new ArrayList<>();
            for (Continuation c : continuations) if (c.tau() == tau) words.addAll(c.words());
            double a = auc(words);
            if (Double.isFinite(a)) {
                sum += a;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** {@link #meanAuc} with its interval from {@code bootstrap} over the prompt documents (the independent units). */
    public static io.thermoscope.decision.Estimate aucEstimate(List<Continuation> continuations, List<Double> taus,
                                                              io.thermoscope.stats.ClusterBootstrap bootstrap) {
        java.util.Map<String, List<Continuation>> byDoc = new java.util.TreeMap<>();
        for (Continuation c : continuations) byDoc.computeIfAbsent(c.document(), k -> new ArrayList<>()).add(c);
        return bootstrap.estimate(new ArrayList<>(byDoc.values()),
                units -> meanAuc(units.stream().flatMap(List::stream).toList(), taus), "prompt documents");
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }
}
