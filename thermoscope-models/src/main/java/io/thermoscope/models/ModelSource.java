package io.thermoscope.models;

import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an encoder's ONNX file and tokenizer.json come from: one of the two shipped models (classpath resources of
 * the LangChain4j embedding jars, nothing downloaded) or any local pair of files.
 *
 * @param name      short name ("minilm", "bge-small", or the ONNX file name)
 * @param onnx      location of the ONNX file: {@code classpath:/…} or a file path
 * @param tokenizer location of tokenizer.json: {@code classpath:/…} or a file path
 * @param pooling   how the sentence embedding is pooled from the last hidden state
 */
public record ModelSource(String name, String onnx, String tokenizer, Pooling pooling) implements java.io.Serializable {

    /** Sentence-embedding pooling. */
    public enum Pooling {
        /** Mean over all tokens (sentence-transformers all-MiniLM-L6-v2). */
        MEAN,
        /** The [CLS] token's vector (BGE). */
        CLS
    }

    private static final String CLASSPATH = "classpath:";

    /** sentence-transformers all-MiniLM-L6-v2: 6 layers × 12 heads, d_k = 32 (LangChain4j jar). */
    public static final ModelSource MINILM = new ModelSource("minilm", CLASSPATH + "/all-minilm-l6-v2.onnx",
            CLASSPATH + "/all-minilm-l6-v2-tokenizer.json", Pooling.MEAN);

    /** BAAI bge-small-en-v1.5: 12 layers × 12 heads, d_k = 32 (LangChain4j jar). */
    public static final ModelSource BGE_SMALL = new ModelSource("bge-small", CLASSPATH + "/bge-small-en-v1.5.onnx",
            CLASSPATH + "/bge-small-en-v1.5-tokenizer.json", Pooling.CLS);

    /** A local ONNX encoder with its tokenizer.json (mean pooling). */
    public static ModelSource of(Path onnx, Path tokenizerJson) {
        return new ModelSource(onnx.getFileName().toString(), onnx.toString(), tokenizerJson.toString(), Pooling.MEAN);
    }

    /**
     * Resolves a user's {@code --model}: "minilm", "bge-small", a directory holding {@code model.onnx} (or a single
     * {@code *.onnx}) and {@code tokenizer.json}, or an ONNX file with {@code tokenizer.json} beside it.
     */
    public static ModelSource named(String spec) {
        switch (spec.toLowerCase(Locale.ROOT)) {
            case "minilm", "all-minilm-l6-v2" -> {
                return MINILM;
            }
            case "bge-small", "bge-small-en-v1.5", "bge" -> {
                return BGE_SMALL;
            }
            default -> {
            }
        }
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) {
            Path model = p.resolve("model.onnx");
            if (!Files.isRegularFile(model)) {
                try (var files = Files.list(p)) {
                    model = files.filter(f -> f.toString().endsWith(".onnx")).findFirst().orElse(model);
                } catch (IOException e) {
                    throw new InvalidInputException("cannot list " + p + ": " + e.getMessage());
                }
            }
            return checked(model, p.resolve("tokenizer.json"));
        }
        if (Files.isRegularFile(p)) {
            Path dir = p.toAbsolutePath().getParent();
            return checked(p, dir.resolve("tokenizer.json"));
        }
        throw new InvalidInputException("unknown model '" + spec + "': use minilm, bge-small, or a path to an ONNX"
                + " file (with tokenizer.json beside it) or a directory");
    }

    private static ModelSource checked(Path onnx, Path tokenizer) {
        if (!Files.isRegularFile(onnx)) throw new InvalidInputException("no ONNX model at " + onnx);
        if (!Files.isRegularFile(tokenizer)) throw new InvalidInputException("no tokenizer.json at " + tokenizer);
        return of(onnx, tokenizer);
    }

    /** The ONNX file's bytes. */
    public byte[] readOnnx() {
        return read(onnx, "ONNX model");
    }

    /** The tokenizer.json bytes. */
    public byte[] readTokenizer() {
        return read(tokenizer, "tokenizer.json");
    }

    private static byte[] read(String location, String what) {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            try (InputStream in = ModelSource.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new InvalidInputException(what + " resource " + resource
                            + " is not on the class path (is the LangChain4j embeddings jar missing?)");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new InvalidInputException("cannot read " + what + " " + resource + ": " + e.getMessage());
            }
        }
        try {
            return Files.readAllBytes(Path.of(location));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + location + ": " + e.getMessage());
        }
    }
}
