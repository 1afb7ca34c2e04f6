package io.thermoscope.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.corpus.Document;
import io.thermoscope.io.Json;
import io.thermoscope.models.Atlas;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AtlasResult;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corpus atlas on Spark ({@code local[2]}) equals the single-machine atlas of the same documents to 1e-12
 * relative in every number, for 2, 3 (through the CLI) and 4 partitions of 4 documents (every way of cutting a
 * corpus into parts: {@code AttentionScanConcatenateTest} in core).
 */
class SparkAtlasTest {

    static List<Document> corpus() {
        List<String> texts = new ArrayList<>(DefaultCorpus.passages().subList(0, 1));
        texts.addAll(DefaultCorpus.sentences().subList(0, 3));
        return DefaultCorpus.documents(texts);
    }

    @Test
    void sparkAtlasEqualsTheSingleMachineAtlasForAnyPartitioning(@TempDir Path dir) throws Exception {
        List<Document> docs = corpus();
        AtlasOptions options = AtlasOptions.defaults().withResamples(100).withCutLong(true);
        AtlasResult plain;
        try (AttentionModel model = AttentionModel.load(ModelSource.MINILM)) {
            plain = Atlas.run(model, docs, options, null);
        }
        JsonNode expected = Json.toNode(plain);
        double worst = 0;
        try (SparkCluster cluster = SparkCluster.open("local[2]")) {
            for (int partitions : new int[] {2, 4}) {
                List<int[]> progress = new ArrayList<>();
                AtlasResult r = cluster.atlas(ModelSource.MINILM, docs, options, partitions,
                        (done, total, id) -> progress.add(new int[] {done, total}));
                worst = Math.max(worst, maxRelativeDifference(expected, Json.toNode(r), "atlas"));
                assertEquals(partitions, progress.size(), "one progress report per partition");
                assertEquals(docs.size(), progress.get(progress.size() - 1)[0]);
            }
        }
        // the command: --prompt documents, 3 partitions, the files of the plain command
        List<String> prompts = new ArrayList<>();
        for (Document d : docs) prompts.addAll(List.of("--prompt", d.text()));
        List<String> args = new ArrayList<>(List.of("atlas", "--model", "minilm", "--bootstrap", "100", "--truncate"));
        args.addAll(prompts);
        List<String> plainArgs = new ArrayList<>(args);
        plainArgs.addAll(List.of("--out", dir.resolve("plain").toString()));
        Cli a = Cli.run(plainArgs);
        assertEquals(0, a.code(), a.err());
        args.addAll(List.of("--out", dir.resolve("spark").toString(), "--spark", "local[2]", "--partitions", "3"));
        Cli b = Cli.run(args);
        assertEquals(0, b.code(), b.err());
        assertEquals(SameSweep.files(dir.resolve("plain")), SameSweep.files(dir.resolve("spark")));
        JsonNode x = Json.mapper().readTree(dir.resolve("plain/atlas.json").toFile());
        JsonNode y = Json.mapper().readTree(dir.resolve("spark/atlas.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) x).remove("provenance");
        ((com.fasterxml.jackson.databind.node.ObjectNode) y).remove("provenance");
        worst = Math.max(worst, maxRelativeDifference(x, y, "atlas.json"));
        assertEquals(Files.readString(dir.resolve("plain/documents.txt")), Files.readString(dir.resolve("spark/documents.txt")));
        System.out.printf("spark atlas: worst relative difference to the single-machine atlas %.2e%n", worst);
        assertTrue(worst <= 1e-12, "worst relative difference " + worst);
    }

    /** Same structure and strings; numbers equal to the returned relative difference (NaN matches NaN). */
    static double maxRelativeDifference(JsonNode a, JsonNode b, String path) {
        assertEquals(a.getNodeType(), b.getNodeType(), path);
        if (a.isNumber()) {
            double x = a.asDouble(), y = b.asDouble();
            if (x == y || (Double.isNaN(x) && Double.isNaN(y))) return 0;
            return Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
        }
        if (a.isTextual() && isNumberText(a.asText()) && isNumberText(b.asText())) {
            return maxRelativeDifference(Json.mapper().getNodeFactory().numberNode(Double.parseDouble(a.asText())),
                    Json.mapper().getNodeFactory().numberNode(Double.parseDouble(b.asText())), path);
        }
        if (!a.isContainerNode()) {
            assertEquals(a, b, path);
            return 0;
        }
        assertEquals(a.size(), b.size(), path);
        double worst = 0;
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) worst = Math.max(worst, maxRelativeDifference(a.get(i), b.get(i), path + "[" + i + "]"));
            return worst;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertTrue(b.has(e.getKey()), path + "." + e.getKey());
            worst = Math.max(worst, maxRelativeDifference(e.getValue(), b.get(e.getKey()), path + "." + e.getKey()));
        }
        return worst;
    }

    private static boolean isNumberText(String s) {
        return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity");
    }
}
