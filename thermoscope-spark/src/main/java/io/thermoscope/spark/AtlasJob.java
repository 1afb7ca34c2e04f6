package io.thermoscope.spark;

import io.thermoscope.corpus.Document;
import io.thermoscope.corpus.Genre;
import io.thermoscope.models.Atlas;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AtlasResult;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.ModelScan;
import io.thermoscope.models.ModelSource;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A corpus atlas on Spark. The documents — read and sampled on the driver exactly as the plain command reads them —
 * become a Dataset of (id, genre, text) cut into consecutive partitions in corpus order; each partition is scanned
 * by one task with one ONNX Runtime session ({@link ModelScan#part}); the parts come back in partition order and are
 * concatenated ({@link ModelScan#concatenate}: per-document data joined, per-head moment sketches merged in a
 * balanced tree) and analysed on the driver by {@link Atlas#of} — the single-machine atlas up to the round-off of
 * the sketch merges. The built-in models travel in the application jar; a model given as files is shipped with
 * {@code SparkContext.addFile}, so executors need no path of the driver.
 */
final class AtlasJob {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("genre", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, false);

    private AtlasJob() {
    }

    @SuppressWarnings("try") // the progress listener only needs to live as long as the job
    static AtlasResult run(SparkSession spark, ModelSource source, List<Document> documents, AtlasOptions options,
                           int partitions, ModelScan.Listener listener) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int n = documents.size();
        int k = Math.max(1, Math.min(n, partitions > 0 ? partitions : jsc.defaultParallelism()));
        List<Row> rows = new ArrayList<>(n);
        for (Document d : documents) rows.add(RowFactory.create(d.id(), d.genre().name(), d.text()));
        Dataset<Row> corpus = spark.createDataFrame(jsc.parallelize(rows, k), SCHEMA);
        ModelSource shipped = ship(jsc, source);
        ModelScan.Options scanOptions = Atlas.scanOptions(options);
        int[] sizes = partitionSizes(n, k);
        int[] done = {0};
        List<ModelScan> parts;
        try (TaskProgress progress = TaskProgress.listen(jsc, listener == null ? null : index -> {
            done[0] += sizes[index];
            listener.progress(done[0], n, "partition " + (index + 1) + " of " + k);
        })) {
            jsc.setJobDescription("thermoscope atlas " + source.name() + ": " + n + " documents in " + k + " partitions");
            parts = corpus.javaRDD().mapPartitions((Iterator<Row> it) -> scanPart(it, shipped, scanOptions)).collect();
        } catch (RuntimeException e) {
            throw SparkErrors.translate(e);
        }
        return Atlas.of(ModelScan.concatenate(parts, scanOptions), options);
    }

    /** One partition: its documents in order, scanned with one model session (nothing for an empty partition). */
    private static Iterator<ModelScan> scanPart(Iterator<Row> rows, ModelSource shipped, ModelScan.Options options) {
        List<Document> docs = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            docs.add(new Document(r.getString(0), Genre.valueOf(r.getString(1)), r.getString(2)));
        }
        if (docs.isEmpty()) return java.util.Collections.emptyIterator();
        try (AttentionModel model = AttentionModel.load(onExecutor(shipped))) {
            return List.of(ModelScan.part(model, docs, options, null)).iterator();
        }
    }

    private static final String SHIPPED = "spark-file:";

    /** The source as tasks see it: built-in models as they are, model files shipped to every executor. */
    private static ModelSource ship(JavaSparkContext jsc, ModelSource source) {
        if (source.onnx().startsWith("classpath:") && source.tokenizer().startsWith("classpath:")) return source;
        jsc.addFile(Path.of(source.onnx()).toAbsolutePath().toString());
        jsc.addFile(Path.of(source.tokenizer()).toAbsolutePath().toString());
        return new ModelSource(source.name(), SHIPPED + Path.of(source.onnx()).getFileName(),
                SHIPPED + Path.of(source.tokenizer()).getFileName(), source.pooling());
    }

    private static ModelSource onExecutor(ModelSource shipped) {
        if (!shipped.onnx().startsWith(SHIPPED)) return shipped;
        return new ModelSource(shipped.name(), SparkFiles.get(shipped.onnx().substring(SHIPPED.length())),
                SparkFiles.get(shipped.tokenizer().substring(SHIPPED.length())), shipped.pooling());
    }

    /** Documents per partition as {@code parallelize} slices n elements into k: [i·n/k, (i+1)·n/k). */
    private static int[] partitionSizes(int n, int k) {
        int[] s = new int[k];
        for (int i = 0; i < k; i++) s[i] = (int) ((long) (i + 1) * n / k - (long) i * n / k);
        return s;
    }
}
