package io.thermoscope.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code thermoscope lm}: the project's own causal language model (a byte-level RoPE decoder) and its analyses. */
@Command(name = "lm", mixinStandardHelpOptions = true,
        subcommands = {LmTrainCommand.class, LmHeatCommand.class, LmDepthCommand.class, LmRopeCommand.class},
        description = {"A byte-level causal decoder with RoPE and pre-LN, trained on the Brown corpus (or your text),",
                "exported to ONNX (model.onnx + tokenizer.json) and analysed like any user's decoder."},
        footer = {"", "Example:", "  thermoscope lm train --corpus brown --preset small --out results/lm-small"})
public final class LmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
