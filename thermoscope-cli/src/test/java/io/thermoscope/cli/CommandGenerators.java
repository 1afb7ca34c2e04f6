package io.thermoscope.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argument vectors for every command of the CLI, for {@link ContractPropertyTest}. Each command is one entry of
 * {@link #ALL}, keyed by its path ("ensemble", "grok sweep"), built from a few helpers: {@link #req} (an option
 * nearly always given), {@link #opt} (given half of the time), {@link #flag}; values from {@link #num} and
 * {@link #count} (valid values, mixed with malformed and extreme ones), {@link #file} (valid files of the kind,
 * mixed with the malformed pool of {@link ContractFixtures}), {@link #outFile}/{@link #outDir}. Adding a command
 * means adding one line here; the test fails for any command of the picocli tree without one.
 * <p>
 * Outputs always go to {@code @OUT} (never the working directory). Options that scale the work (walkers, tokens,
 * dimensions) get huge values only where the command refuses them up front ({@link #huge}); elsewhere the values
 * stay small so that a try costs milliseconds. Commands that load a model, train or reproduce get arguments that
 * fail before the heavy part unless the long run is asked for ({@code -Dthermoscope.contract.long=true}).
 */
final class CommandGenerators {
    static final boolean LONG = Boolean.getBoolean("thermoscope.contract.long");

    private CommandGenerators() {
    }

    /** Options a generator deliberately leaves out, by command path, each with its reason in a comment. */
    static final Map<String, Set<String>> NOT_GENERATED = Map.of();

    /** One generator per command path. */
    static final Map<String, Arbitrary<List<String>>> ALL = Map.ofEntries(
            Map.entry("ensemble", cmd("ensemble", req("--energies", file("energies.txt", "huge.txt", "one.txt")),
                    req("--temperature", num("1", "5.657", "0.01", "1e300", "1e-300")), flag("--probabilities"),
                    opt("--out", outFile()))),
            Map.entry("head", cmd("head", req("--q", file("q.npy", "q.txt")), req("--k", file("k.npy")),
                    flag("--causal"), rare("--mask", file("mask.npy")), rare("--wq", file("wq.npy")),
                    rare("--wk", file("wk.npy")), rare("--temperature", num("1", "0.5")), opt("--out", outFile()))),
            Map.entry("first-law", cmd("first-law",
                    Arbitraries.oneOf(
                            both(req("--energies", file("rows.txt", "energies.txt")), req("--temperature", num("1", "8"))),
                            both(req("--q", file("q.npy")), req("--k", file("k.npy")), flag("--causal"),
                                    rare("--mask", file("mask.npy")),
                                    rare("--wq", file("wq.npy")), rare("--wk", file("wk.npy")))),
                    rare("--n-eff", num("2", "12")), rare("--csv", outFile().map(p -> p.replace(".json", ".csv"))), opt("--out", outFile()))),
            Map.entry("variational-check", cmd("variational-check", req("--energies", file("energies.txt", "huge.txt")),
                    req("--temperature", num("2", "0.1")), opt("--out", outFile()))),
            Map.entry("dynamics", cmd("dynamics", req("--energies", file("energies3.txt", "energies.txt")),
                    req("--temperature", num("1", "0.5")), rare("--mass", num("1", "2")),
                    rare("--damping", num("0", "0.5")), always("--t-end", num("1", "3")), opt("--dt", num("0.1", "0.05")),
                    rare("--initial", Arbitraries.of("uniform", "@FIX/initial3.txt", "@FIX/nan.txt", "@FIX/missing.txt")),
                    always("--tolerance", num("1e-10", "1e-8")), always("--out", outDir()))),
            Map.entry("rope-check", cmd("rope-check", always("--dim", huge("8", "16", "32")), rare("--base", num("10000", "500")),
                    always("--tokens", huge("4", "8", "16")), opt("--max-position", huge("64", "1024", "2147483647")),
                    rare("--seed", count("0", "7")), opt("--alpha", num("0", "-0.5", "1e308", "-1e308")),
                    opt("--beta", num("1", "0.4", "1e-320")), rare("--v", num("1", "1.5")), always("--out", outDir()))),
            Map.entry("eos-fit", cmd("eos-fit", req("--csv", file("pv.csv", "firstlaw.csv")),
                    rare("--v-column", Arbitraries.of("V", "volume")), rare("--p-column", Arbitraries.of("P", "pressure", "nope")),
                    rare("--nkt", num("5", "1")), rare("--pressure-form", choice("auto", "point", "interval")),
                    opt("--out", outFile()))),
            Map.entry("langevin", cmd("langevin", rare("--field", choice("real", "complex")),
                    rare("--alpha-from", num("1", "0.5")), rare("--alpha-to", num("-3", "-1")), rare("--beta", num("1", "0")),
                    rare("--v", num("1")), rare("--noise", num("0.1", "0.5")), always("--walkers", huge("200", "1000")),
                    opt("--dt", num("0.01", "0.05", "1")), always("--t-end", num("0.5", "1")), always("--hold", num("0", "0.2")),
                    always("--burn-in", num("0", "0.2")), opt("--protocol", choice("sweep", "quasistatic", "both")),
                    always("--levels", count("3", "4")), always("--equilibration", num("0.1")),
                    always("--measure", num("0.1", "0.05")), opt("--rows", count("10", "40")), rare("--smooth", count("1", "3", "4")),
                    rare("--seed", count("1", "2")), opt("--threads", huge("1", "2")), always("--out", outDir()))),
            Map.entry("distance", cmd("distance", req("--gamma", num("1", "1.3", "0.8", "1.01", "-3")),
                    opt("--lambda", num("0", "0.01", "800", "1e-8")), opt("--n", count("1000", "100000", "9223372036854775807")),
                    opt("--window", count("10", "512")), opt("--mass", num("0.5", "0.9", "0.999999")),
                    rare("--band", num("0.05")), rare("--figures", outDir()), opt("--out", outFile()))),
            Map.entry("decay-fit", cmd("decay-fit", req("--attention", file("attention.npy")),
                    opt("--queries", choice("last", "all")), opt("--direction", choice("past", "future", "both")),
                    rare("--max-distance", count("0", "4")), flag("--no-lambda"), always("--bootstrap", count("0", "10", "20")),
                    rare("--level", num("0.95", "0.5")), rare("--band", num("0.05")), rare("--seed", count("0", "3")),
                    opt("--out", outDir()))),
            Map.entry("polylog", cmd("polylog", Arbitraries.oneOf(
                    both(req("--s", num("2", "-1.5", "0.5", "-100", "-300", "1e300")),
                            req("--z", num("0.5", "-2", "1", "0.999", "-7", "-0.5"))),
                    req("--csv", file("points.csv")),
                    both(req("--csv", file("points.csv")), req("--s", num("2")))))),
            Map.entry("zeta", cmd("zeta", req("--s", num("2", "-171", "-171.5", "-300", "1", "0.5", "60")),
                    opt("--a", num("0.25", "1", "10", "1e-300", "400")))),
            Map.entry("demo", cmd("demo", rare("--seed", count("0", "1")), opt("--tokens", count("8", "16")),
                    opt("--dk", count("4", "8")), always("--out", outDir()))),
            Map.entry("atlas", cmd("atlas", always("--model", model()), rare("--tokenizer", file("prompts.txt")),
                    opt("--text", file("prompts.txt")), rare("--prompt", Arbitraries.of("The cat sat.", "", " ")),
                    flag("--truncate"), always("--corpus", corpus()), rare("--documents", count("2", "3")),
                    rare("--seed", count("0")), rare("--bootstrap", count("100", "5")), rare("--confidence", num("0.9", "1.5")),
                    always("--out", outDir()), flag("--json"), rare("--spark", Arbitraries.of("local[1]", "")),
                    rare("--partitions", count("0", "2")))),
            Map.entry("kappa", cmd("kappa", always("--model", model()), always("--corpus", corpus()),
                    rare("--documents", count("2", "3")), rare("--seed", count("0")), rare("--bootstrap", count("100", "5")),
                    rare("--confidence", num("0.9")), opt("--max-context", count("24", "32")),
                    rare("--min-context", count("8", "16")), rare("--points-per-octave", count("2", "4")),
                    always("--out", outDir()), flag("--json"))),
            Map.entry("grok", grok()),
            Map.entry("grok sweep", cmd("grok sweep", always("--p", Arbitraries.of("1", "x", "2,1", "")),
                    rare("--seeds", count("1")), rare("--parallel", count("1")), grokOptions(),
                    rare("--k", Arbitraries.of("2,4", "1", "x")), rare("--batch-runs", count("1", "2")),
                    rare("--spark", Arbitraries.of("local[1]")),
                    always("--out", outDir()))),
            Map.entry("lm", cmd("lm")),
            Map.entry("lm train", lmTrain()),
            Map.entry("lm heat", cmd("lm heat", req("--model", model()), always("--corpus", corpus()),
                    rare("--prompts", count("2", "1")), rare("--temperatures", Arbitraries.of("0.5,1", "0", "x,1")),
                    rare("--prompt-tokens", count("4")), rare("--new-tokens", count("4")), rare("--seed", count("0")),
                    opt("--out", outFile()))),
            Map.entry("lm depth", cmd("lm depth", req("--model", model()), always("--corpus", corpus()),
                    rare("--documents", count("2")), rare("--tokens", count("16")), rare("--seed", count("0")),
                    opt("--out", outFile()))),
            Map.entry("lm rope", cmd("lm rope", req("--model", model()), always("--corpus", corpus()),
                    rare("--documents", count("2")), rare("--tokens", count("16")), rare("--seed", count("0")),
                    opt("--out", outFile()))),
            Map.entry("reproduce", cmd("reproduce", Arbitraries.oneOf(
                    Arbitraries.just(List.of("--quick", "--full")),
                    always("--seed", Arbitraries.of("x", "", "1.5")),
                    always("--out", Arbitraries.of("@OUT/existing-file", "@OUT/existing-file/below"))),
                    always("--out", Arbitraries.of("@OUT/run")))),
            Map.entry("help", cmd("help", opt("", Arbitraries.of("ensemble", "grok", "nope")))));

    /** grok: --print-config (cheap) or arguments refused before training; a tiny real run only in the long mode. */
    private static Arbitrary<List<String>> grok() {
        Arbitrary<List<String>> printConfig = cmd("grok", Arbitraries.just(List.of("--print-config")),
                opt("--p", count("5", "23")), rare("--seed", count("0")), grokOptions());
        Arbitrary<List<String>> refused = cmd("grok", always("--out", outDir()), flag("--resume"), Arbitraries.oneOf(
                always("--p", Arbitraries.of("1", "0", "-3", "x")), always("--preset", Arbitraries.of("bogus")),
                always("--lr", Arbitraries.of("NaN", "-1", "0", "x")), always("--layers", Arbitraries.of("0", "-1"))));
        if (!LONG) return Arbitraries.oneOf(printConfig, refused);
        Arbitrary<List<String>> tiny = cmd("grok", always("--p", count("5")), always("--out", outDir()),
                Arbitraries.just(List.of("--d-model", "16", "--heads", "2", "--d-mlp", "32", "--max-steps", "20",
                        "--eval-every", "10", "--probe-size", "25")));
        return Arbitraries.oneOf(printConfig, refused, tiny);
    }

    /**
     * lm train: --print-config (cheap) or arguments refused before training (PyTorch is not started); a tiny real
     * run only in the long mode.
     */
    private static Arbitrary<List<String>> lmTrain() {
        Arbitrary<List<String>> printConfig = cmd("lm train", Arbitraries.just(List.of("--print-config")),
                rare("--preset", choice("tiny", "small", "full", "depth")), rare("--seed", count("0")),
                rare("--layers", count("1", "2")), rare("--d-model", count("16", "64")), rare("--heads", count("2", "4")),
                rare("--context", count("32")), rare("--steps", count("5")), rare("--lr", num("1e-3")),
                rare("--threads", count("1")));
        Arbitrary<List<String>> refused = cmd("lm train", always("--out", outDir()), always("--corpus", corpus()),
                flag("--resume"), Arbitraries.oneOf(
                always("--preset", Arbitraries.of("bogus", "")), always("--lr", Arbitraries.of("NaN", "-1", "x")),
                always("--layers", Arbitraries.of("0", "-1")), always("--heads", Arbitraries.of("0", "3")),
                always("--steps", Arbitraries.of("0", "-5"))));
        if (!LONG) return Arbitraries.oneOf(printConfig, refused);
        Arbitrary<List<String>> tiny = cmd("lm train", always("--out", outDir()), always("--corpus", corpus()),
                Arbitraries.just(List.of("--preset", "tiny", "--steps", "3", "--threads", "1")));
        return Arbitraries.oneOf(printConfig, refused, tiny);
    }

    /** A corpus: the fixture directory of a few documents, or one without usable text (never the Brown download). */
    private static Arbitrary<String> corpus() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("@FIX/corpus")),
                Tuple.of(1, Arbitraries.of("@FIX/adir", "@FIX/missing-dir", "@FIX/energies.txt")));
    }

    /** The training options grok and grok sweep share (GrokOptions), each given now and then. */
    private static Arbitrary<List<String>> grokOptions() {
        return both(rare("--preset", choice("fast", "paper")), rare("--layers", count("1", "2")),
                rare("--d-model", count("16", "32")), rare("--heads", count("2", "4")), rare("--d-mlp", count("32")),
                rare("--layer-norm", Arbitraries.of("true", "false", "maybe")), rare("--lr", num("1e-3")),
                rare("--wd", num("1", "0")), rare("--beta1", num("0.9")), rare("--beta2", num("0.98")),
                rare("--train-fraction", num("0.3", "0.5")), rare("--batch", count("64", "512")),
                rare("--warmup", count("10", "0")), rare("--max-steps", count("100")), rare("--eval-every", count("10")),
                rare("--checkpoint-every", count("50", "0")), rare("--probe-size", count("25")),
                rare("--threads", count("1")), rare("--stop-after-grok", count("100", "-1")),
                rare("--operands", count("2", "3")), rare("--examples", count("900", "10")), rare("--init-scale", num("1", "0.5")),
                rare("--gate-factor", num("5")), rare("--gate-min-delay", count("500", "0")),
                rare("--gate-generalised", num("0.95", "1.5")), rare("--window-transient", num("0.1", "2")),
                rare("--window-smooth", count("5", "4")), rare("--window-prominence", num("0.5")));
    }

    /** Model names: in the normal run only files that fail to load; in the long run the embedded MiniLM too. */
    private static Arbitrary<String> model() {
        Arbitrary<String> broken = Arbitraries.of("@FIX/bad.onnx", "@FIX/missing.onnx", "@FIX/adir", "no-such-model");
        return LONG ? Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("minilm")), Tuple.of(2, broken)) : broken;
    }

    // ----- building blocks -----

    /** The command path followed by its parts in the given order, sometimes with an unknown option or stray token. */
    @SafeVarargs
    static Arbitrary<List<String>> cmd(String path, Arbitrary<List<String>>... parts) {
        List<Arbitrary<List<String>>> all = new ArrayList<>(Arrays.asList(parts));
        all.add(Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.just(List.<String>of())),
                Tuple.of(1, Arbitraries.of(List.of("--bogus"), List.of("stray"), List.of("--help")))));
        return Combinators.combine(all).as(lists -> {
            List<String> out = new ArrayList<>(Arrays.asList(path.split(" ")));
            for (List<String> l : lists) out.addAll(l);
            return out;
        });
    }

    /** Several parts given together. */
    @SafeVarargs
    static Arbitrary<List<String>> both(Arbitrary<List<String>>... parts) {
        return Combinators.combine(Arrays.asList(parts)).as(lists -> {
            List<String> out = new ArrayList<>();
            for (List<String> l : lists) out.addAll(l);
            return out;
        });
    }

    /** {@code name value} with the given weights of presence and absence ({@code name} "" = a positional value). */
    static Arbitrary<List<String>> option(String name, Arbitrary<String> value, int present, int absent) {
        Arbitrary<List<String>> given = value.map(v -> name.isEmpty() ? List.of(v) : List.of(name, v));
        if (absent == 0) return given;
        return Arbitraries.frequencyOf(Tuple.of(present, given), Tuple.of(absent, Arbitraries.just(List.<String>of())));
    }

    static Arbitrary<List<String>> always(String name, Arbitrary<String> value) {
        return option(name, value, 1, 0);
    }

    static Arbitrary<List<String>> req(String name, Arbitrary<String> value) {
        return option(name, value, 19, 1);
    }

    static Arbitrary<List<String>> opt(String name, Arbitrary<String> value) {
        return option(name, value, 1, 1);
    }

    static Arbitrary<List<String>> rare(String name, Arbitrary<String> value) {
        return option(name, value, 1, 4);
    }

    static Arbitrary<List<String>> flag(String name) {
        return Arbitraries.of(List.of(name), List.<String>of());
    }

    /** A real number: mostly the valid ones given, sometimes malformed, non-finite or extreme. */
    static Arbitrary<String> num(String... valid) {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(valid)),
                Tuple.of(2, Arbitraries.of("NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e-320", "0", "-1", "abc",
                        "", "1,5", "0x10")),
                Tuple.of(1, Arbitraries.doubles().between(-1e3, 1e3).map(d -> Double.toString(d))));
    }

    /** An integer: mostly the valid ones given, sometimes zero, negative, fractional or not a number. */
    static Arbitrary<String> count(String... valid) {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(valid)),
                Tuple.of(2, Arbitraries.of("0", "-1", "1.5", "x", "", "99999999999999999999")));
    }

    /** As {@link #count}, plus values that would exhaust memory or time (the command must refuse them up front). */
    static Arbitrary<String> huge(String... valid) {
        return Arbitraries.frequencyOf(Tuple.of(8, count(valid)),
                Tuple.of(1, Arbitraries.of("2147483647", "100000000", "1000000")));
    }

    /** One of the valid names, or a name the command does not know. */
    static Arbitrary<String> choice(String... valid) {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(valid)), Tuple.of(1, Arbitraries.of("bogus", "")));
    }

    /** A valid input file of the kind, or one of the malformed pool. */
    static Arbitrary<String> file(String... valid) {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(valid).map(f -> "@FIX/" + f)),
                Tuple.of(2, Arbitraries.of(ContractFixtures.MALFORMED).map(f -> "@FIX/" + f)));
    }

    static Arbitrary<String> outFile() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(ContractFixtures.OUT_FILES.subList(0, 3))),
                Tuple.of(1, Arbitraries.of(ContractFixtures.OUT_FILES.subList(3, 5))));
    }

    static Arbitrary<String> outDir() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(ContractFixtures.OUT_DIRS.subList(0, 3))),
                Tuple.of(1, Arbitraries.of(ContractFixtures.OUT_DIRS.subList(3, 5))));
    }
}
