package io.thermoscope.attention;

import io.thermoscope.InvalidInputException;
import io.thermoscope.distance.DistanceProfile;
import io.thermoscope.distance.ProfileSums;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * One pass over a corpus of a model's attention, document by document, collecting everything the thermodynamic
 * analyses need in a single read of each pass: per head, the Boltzmann statistics of every query (the atlas,
 * {@link HeadThermodynamics}); per document and head, the sufficient statistics of every query's distance profile
 * ({@link ProfileSums}, for {@link HeadPhases}); and per document, ln Z against the context length
 * ({@link ContextGrowth}, for {@link Compressibility}). The masking (bidirectional or causal) is detected on every
 * pass; profiles fold both sides by |i − j| for an encoder and the past for a decoder.
 */
public final class AttentionScan {

    /** Captured-mass distances: 2^(k/4) rounded, distinct, up to 2^16. */
    static final int[] CAPTURE_GRID = captureGrid();

    /**
     * What to collect.
     *
     * @param leadingSpecial  leading special tokens ([CLS]) left out of the distance profiles, as queries and keys
     * @param trailingSpecial trailing special tokens ([SEP]) left out likewise
     * @param growth          the context-growth measurement, or null for none
     * @param everyQuery      read every query of every head (thermodynamics and distance profiles); false: only
     *                        what the growth measurement needs
     */
    public record Options(int leadingSpecial, int trailingSpecial, ContextGrowth growth, boolean everyQuery) {
        /** Validates the options. */
        public Options {
            if (leadingSpecial < 0 || trailingSpecial < 0) throw new InvalidInputException("special-token counts must be >= 0");
        }
    }

    private final Options options;
    private Masking masking;
    private HeadThermodynamics[][] thermodynamics;
    private double temperature = Double.NaN;
    private final List<String> documents = new ArrayList<>();
    private final List<ProfileSums[][]> profiles = new ArrayList<>();
    private final List<ContextGrowth.Curve> curves = new ArrayList<>();
    private final List<String> curveDocuments = new ArrayList<>();
    private long tokens;

    /** An empty scan. */
    public AttentionScan(Options options) {
        this.options = options;
    }

    /** Adds the pass of document {@code id}. */
    public void add(String id, AttentionPass pass) {
        int n = pass.tokens(), L = pass.layers(), H = pass.heads();
        int from = options.leadingSpecial(), to = n - options.trailingSpecial();
        if (to - from < 2) throw new InvalidInputException("document " + id + " has only " + n + " tokens");
        Masking m = Masking.detect(pass);
        if (thermodynamics == null) {
            masking = m;
            temperature = pass.temperature();
            thermodynamics = new HeadThermodynamics[L][H];
            for (HeadThermodynamics[] row : thermodynamics) for (int h = 0; h < H; h++) row[h] = new HeadThermodynamics();
        } else if (thermodynamics.length != L || thermodynamics[0].length != H || m != masking) {
            throw new InvalidInputException("document " + id + " gives a pass of another shape or masking");
        }
        DistanceProfile.Direction direction = m == Masking.CAUSAL ? DistanceProfile.Direction.PAST
                : DistanceProfile.Direction.BOTH;
        ProfileSums[][] sums = new ProfileSums[L][H];
        double T = pass.temperature();
        IntStream.range(0, options.everyQuery() ? L * H : 0).parallel().forEach(lh -> {
            int l = lh / H, h = lh % H;
            float[] s = new float[n], p = new float[n];
            RowStatistics row = new RowStatistics();
            ProfileSums ps = new ProfileSums(direction, CAPTURE_GRID);
            HeadThermodynamics th = thermodynamics[l][h];
            for (int i = 0; i < n; i++) {
                pass.scores(l, h, i, s);
                pass.probabilities(l, h, i, p);
                row.compute(s, p, m.keysEnd(i, n)); // E = −s·T (Eq. 7): the row's Boltzmann ensemble
                th.add(row, T);
                if (i >= from && i < to) ps.add(p, from, to, i, row.mass());
            }
            sums[l][h] = ps;
        });
        documents.add(id);
        if (options.everyQuery()) profiles.add(sums);
        if (options.growth() != null && options.growth().grid(n).length >= 2) {
            curves.add(options.growth().measure(pass, m));
            curveDocuments.add(id);
        }
        tokens += n;
    }

    /** The detected masking (null before the first pass). */
    public Masking masking() {
        return masking;
    }

    /** Temperature √d_k of the passes. */
    public double temperature() {
        return temperature;
    }

    /** Documents added, in order. */
    public List<String> documents() {
        return List.copyOf(documents);
    }

    /** Tokens over all passes. */
    public long tokens() {
        return tokens;
    }

    /** Per head, the query-averaged Boltzmann statistics [layer][head] (empty unless every query is read). */
    public HeadThermodynamics[][] thermodynamics() {
        if (thermodynamics == null) throw new InvalidInputException("no document was scanned");
        return thermodynamics;
    }

    /** Per document, the profile sums [layer][head] (none unless every query is read). */
    public List<ProfileSums[][]> profiles() {
        return List.copyOf(profiles);
    }

    /** Per document long enough for two context lengths, its ln Z(V) curve. */
    public List<ContextGrowth.Curve> curves() {
        return List.copyOf(curves);
    }

    /** The documents behind {@link #curves()}, in the same order. */
    public List<String> curveDocuments() {
        return List.copyOf(curveDocuments);
    }

    private static int[] captureGrid() {
        TreeSet<Integer> s = new TreeSet<>();
        for (int k = 0; k <= 64; k++) s.add((int) Math.round(Math.pow(2, k / 4.0)));
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
