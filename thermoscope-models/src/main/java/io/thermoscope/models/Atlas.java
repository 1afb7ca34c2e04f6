package io.thermoscope.models;

import io.thermoscope.attention.HeadPhases;
import io.thermoscope.attention.HeadThermodynamics;
import io.thermoscope.corpus.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-head thermodynamic atlas of a pretrained model over a corpus: for every layer and head, the Boltzmann
 * ensemble of each query's row of energies E_j = −score_j·T at T = √d_k (its equilibrium distribution is the model's
 * own attention row), averaged over every query of every document, and the distance-decay law of the attention
 * ({@link HeadPhases}: γ with λ = 0 and with λ fitted, the captured-mass growth, cluster-bootstrap intervals over
 * the documents). One forward pass per document ({@link ModelScan}); memory grows by a few KiB per document and head.
 */
public final class Atlas {

    private Atlas() {
    }

    /** Runs the atlas of {@code model} on {@code documents}; progress per document goes to {@code listener}. */
    public static AtlasResult run(AttentionModel model, List<Document> documents, AtlasOptions options,
                                  ModelScan.Listener listener) {
        return of(ModelScan.run(model, documents, scanOptions(options), listener), options);
    }

    /** What the atlas reads of each document: every query, up to the model's positions, documents of ≥ 3 tokens. */
    public static ModelScan.Options scanOptions(AtlasOptions options) {
        return new ModelScan.Options(0, 3, null, true, options.cutLong());
    }

    /** The atlas of a finished scan (which must have read every query). */
    public static AtlasResult of(ModelScan scan, AtlasOptions options) {
        HeadPhases.Result phases = HeadPhases.analyse(scan.scan().profiles(), options.bootstrap(), options.nearOneLow());
        HeadThermodynamics[][] th = scan.scan().thermodynamics();
        List<HeadStats> heads = new ArrayList<>();
        for (HeadPhases.Head h : phases.heads()) {
            heads.add(new HeadStats(h.layer(), h.head(), th[h.layer()][h.head()].summary(), h));
        }
        return new AtlasResult(scan.model(), scan.layers(), scan.heads(), scan.dk(), scan.scan().temperature(),
                scan.scan().masking(), scan.documents(), scan.scan().tokens(), scan.tooShort(), scan.cut(),
                phases.captureLow(), phases.captureHigh(), phases.nearOneLow(), phases.shareNearOne(),
                phases.medianGamma(), phases.agreement(), heads, phases);
    }
}
