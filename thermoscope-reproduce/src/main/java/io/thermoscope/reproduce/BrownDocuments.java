package io.thermoscope.reproduce;

import io.thermoscope.corpus.BrownCorpus;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.ModelScan;
import io.thermoscope.models.ModelSource;

import java.util.List;
import java.util.function.Function;

/**
 * The documents of the real-model stages: a seeded sample of the Brown corpus (the same documents for every
 * real-model stage of a run), each read through its first 512 tokens, and the loop over the two encoders with a
 * progress bar over documents.
 */
final class BrownDocuments {
    private BrownDocuments() {
    }

    /** The models of the real-model stages. */
    static final List<ModelSource> MODELS = List.of(ModelSource.MINILM, ModelSource.BGE_SMALL);
    /** Tokens per document: the encoders' positions. */
    static final int TOKENS = 512;

    /**
     * What the document choice depends on.
     *
     * @param corpus    the corpus, with its pinned version
     * @param documents documents drawn
     * @param tokens    tokens read per document
     * @param models    model names
     */
    record Params(String corpus, int documents, int tokens, List<String> models) {
    }

    /** Documents of the quick protocol (the full one reads all 500). */
    static final int QUICK = 50;

    /** The protocol's documents: {@code quick} of them in the quick protocol, all 500 in the full one. */
    static Params params(ReproductionConfig c, int quick) {
        return new Params(BrownCorpus.NAME, c.full() ? BrownCorpus.DOCUMENTS : quick, TOKENS,
                MODELS.stream().map(ModelSource::name).toList());
    }

    /** The seeded sample of {@code p}'s size (written to documents.txt in the stage's directory). */
    static Corpus sample(StageContext ctx, Params p) {
        ctx.progress().update(0, "Brown corpus");
        Corpus c = BrownCorpus.load(line -> ctx.progress().update(0, line)).sample(p.documents(),
                ctx.seed("brown-documents"));
        AtomicFiles.writeString(ctx.dir().resolve("documents.txt"), String.join("\n", c.ids()) + "\n");
        return c;
    }

    /** Runs {@code perModel} on each model in turn, with the stage's progress over documents of both models. */
    static <R> List<R> perModel(StageContext ctx, Corpus docs, Function<Run, R> perModel) {
        List<R> out = new java.util.ArrayList<>();
        for (int m = 0; m < MODELS.size(); m++) {
            int index = m;
            try (AttentionModel model = AttentionModel.load(MODELS.get(m))) {
                ModelScan.Listener l = (done, total, id) -> ctx.progress().update(
                        (index + (double) done / total) / MODELS.size(), model.source().name() + " " + id);
                out.add(perModel.apply(new Run(model, docs, l)));
            }
        }
        return out;
    }

    /**
     * One model's turn.
     *
     * @param model    the open model
     * @param docs     the documents
     * @param listener progress over the documents
     */
    record Run(AttentionModel model, Corpus docs, ModelScan.Listener listener) {
    }
}
