package io.thermoscope.reproduce;

import io.thermoscope.decision.Rule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cache key of a stage's result: the stage's identifier and code version, its parameter record and its rules
 * (records, so their {@code toString()} lists every constant), plus the version of the stage-record format. A
 * finished stage is reused only when this key is unchanged, so editing a constant, a preset or a rule reruns it.
 *
 * @param text   the readable key (written next to the result, so a user can see why a stage reran)
 * @param digest SHA-256 of {@code text}, hex
 */
public record StageKey(String text, String digest) {

    /** Version of the on-disk stage record ({@code stage.json}); part of every key. */
    static final int FORMAT = 2;

    /** The key of {@code stage} under {@code config}. */
    public static StageKey of(Stage stage, ReproductionConfig config) {
        StringBuilder t = new StringBuilder();
        t.append("stage=").append(stage.id()).append("\nversion=").append(stage.version()).append("\nformat=").append(FORMAT)
                .append("\nparameters=").append(stage.parameters(config));
        for (Rule<?> r : stage.rules(config)) t.append("\nrule=").append(r);
        String text = t.toString();
        if (text.matches("(?s).*\\[+[A-Z][^\\s,)\\]]*@[0-9a-f]+.*")) {
            // an array's toString is its address: the key would change on every run (and mean nothing)
            throw new IllegalStateException("stage " + stage.id() + ": parameters and rules must not hold arrays (use List)");
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new StageKey(text, HexFormat.of().formatHex(h));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
