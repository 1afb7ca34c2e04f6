package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.ModelSource;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Options shared by the real-model commands: which model, which prompts. */
final class ModelInputs {
    @Option(names = "--model", defaultValue = "minilm", paramLabel = "MODEL",
            description = "minilm, bge-small, or a path to an ONNX file (tokenizer.json beside it) or a directory "
                    + "with model.onnx + tokenizer.json (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json for a --model ONNX file "
            + "(default: tokenizer.json beside it).")
    Path tokenizer;

    @Option(names = "--text", paramLabel = "FILE", description = "Prompts, one per non-blank line ('#' lines ignored).")
    Path text;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "A prompt (repeatable).")
    List<String> prompt;

    @Option(names = "--truncate", description = "Cut inputs longer than the model's positions (prints a warning) "
            + "instead of failing.")
    boolean truncate;

    /** The model source. */
    ModelSource source() {
        if (tokenizer == null) return ModelSource.named(model);
        Path onnx = Path.of(model);
        if (!java.nio.file.Files.isRegularFile(onnx)) {
            throw new InvalidInputException("--tokenizer needs --model to be an ONNX file, got " + model);
        }
        if (!java.nio.file.Files.isRegularFile(tokenizer)) throw new InvalidInputException("no tokenizer.json at " + tokenizer);
        return ModelSource.of(onnx, tokenizer);
    }

    /** The user's prompts, or null when none were given. */
    List<String> prompts() {
        if (text != null && prompt != null) throw new InvalidInputException("give --text or --prompt, not both");
        if (text != null) return DefaultCorpus.read(text);
        if (prompt != null) {
            if (prompt.stream().allMatch(String::isBlank)) throw new InvalidInputException("--prompt is empty");
            return prompt;
        }
        return null;
    }
}
