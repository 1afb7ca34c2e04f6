package io.thermoscope.decision;

import java.util.Set;

/**
 * A decision rule: constants fixed before any evidence is seen, a sentence rendered from those same constants, and
 * a pure function from evidence to a {@link Decision}. Implementations are records (their components are the
 * constants), so a rule's {@code toString()} identifies it exactly and enters the cache key of the claim it decides.
 *
 * <p>Contract, checked by the rule's table-driven test: every verdict in {@link #outcomes()} is produced by some
 * evidence, and {@link Verdict#DOES_NOT_HOLD} is among them (a rule that cannot refute is a defect). Evidence
 * that cannot be judged (non-finite numbers, too few units) gives {@link Verdict#INCONCLUSIVE}, never an exception.
 *
 * @param <E> the evidence the rule reads
 */
public interface Rule<E> {

    /** The rule in words, rendered from its constants (shown next to the verdict in the report). */
    String text();

    /** Decides the verdict from {@code evidence}. */
    Decision decide(E evidence);

    /** Every verdict this rule can return. */
    Set<Verdict> outcomes();

    /** Whether the rule checks a mathematical identity (counted apart from empirical verdicts in the report). */
    default boolean identity() {
        return outcomes().contains(Verdict.IDENTITY_VERIFIED);
    }
}
