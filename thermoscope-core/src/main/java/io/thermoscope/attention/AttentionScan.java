package io.thermoscope.attention;

import io.thermoscope.InvalidInputException;
import io.thermoscope.distance.DistanceProfile;
import io.thermoscope.distance.ProfileSums;

import java.io.Serializable;
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
 * pass; profiles fold both sides by |i − j| for an encoder and the past for a decoder. Scans of consecutive parts of
 * a corpus (e.g. Spark partitions) {@link #concatenate} into the scan of the whole. Serializable.
 */
public final class AttentionScan implements Serializable {

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
    public record Options(int leadingSpecial, int trailingSpecial, ContextGrowth growth, boolean everyQuery)
            implements Serializable {
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
            HeadThermodynamics.Queries queries = new HeadThermodynamics.Queries(n);
            for (int i = 0; i < n; i++) {
                pass.scores(l, h, i, s);
                pass.probabilities(l, h, i, p);
                row.compute(s, p, m.keysEnd(i, n)); // E = −s·T (Eq. 7): the row's Boltzmann ensemble
                queries.add(row, T);
                if (i >= from && i < to) ps.add(p, from, to, i, row.mass());
            }
            thermodynamics[l][h].add(queries); // the document's queries as one sketch per statistic
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

    /**
     * The scan of the concatenated documents of {@code parts}, in order: their per-document data joined, their
     * per-head sketches merged in a balanced pairwise tree (the reduction Spark's {@code treeReduce} performs). Parts
     * without documents are skipped; the parts must agree on the options, the masking, the temperature and the shape.
     */
    public static AttentionScan concatenate(List<AttentionScan> parts) {
        if (parts.isEmpty()) throw new InvalidInputException("no scans to concatenate");
        AttentionScan out = new AttentionScan(parts.get(0).options);
        List<HeadThermodynamics[][]> heads = new ArrayList<>();
        for (AttentionScan p : parts) {
            if (!p.options.equals(out.options)) throw new InvalidInputException("scans with different options");
            if (p.thermodynamics == null) continue;
            if (out.masking == null) {
                out.masking = p.masking;
                out.temperature = p.temperature;
            } else if (p.masking != out.masking || p.temperature != out.temperature
                    || p.thermodynamics.length != heads.get(0).length || p.thermodynamics[0].length != heads.get(0)[0].length) {
                throw new InvalidInputException("scans of passes of another shape, masking or temperature");
            }
            heads.add(p.thermodynamics);
            out.documents.addAll(p.documents);
            out.profiles.addAll(p.profiles);
            out.curves.addAll(p.curves);
            out.curveDocuments.addAll(p.curveDocuments);
            out.tokens += p.tokens;
        }
        while (heads.size() > 1) {
            List<HeadThermodynamics[][]> next = new ArrayList<>();
            for (int i = 0; i < heads.size(); i += 2) next.add(i + 1 < heads.size() ? merged(heads.get(i), heads.get(i + 1)) : heads.get(i));
            heads = next;
        }
        out.thermodynamics = heads.isEmpty() ? null : heads.get(0);
        return out;
    }

    private static HeadThermodynamics[][] merged(HeadThermodynamics[][] a, HeadThermodynamics[][] b) {
        HeadThermodynamics[][] out = new HeadThermodynamics[a.length][a[0].length];
        for (int l = 0; l < a.length; l++) {
            for (int h = 0; h < a[l].length; h++) {
                out[l][h] = new HeadThermodynamics();
                out[l][h].merge(a[l][h]);
                out[l][h].merge(b[l][h]);
            }
        }
        return out;
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
