package io.thermoscope.decision;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every rule's test checks (shared with other modules through core's test-jar): each row of synthetic
 * evidence gives its expected verdict with a reason; the rows reach every verdict the rule declares; the rule can
 * refute (declares {@link Verdict#DOES_NOT_HOLD}); its sentence is rendered (no "null", no unformatted constant).
 */
public final class RuleTable {
    private RuleTable() {
    }

    /**
     * One row: synthetic evidence and the verdict the rule must give.
     *
     * @param name     what the row represents
     * @param evidence the evidence
     * @param expected the verdict
     */
    public record Row<E>(String name, E evidence, Verdict expected) {
    }

    /** A row. */
    public static <E> Row<E> row(String name, E evidence, Verdict expected) {
        return new Row<>(name, evidence, expected);
    }

    /** Checks the table against the rule and returns the decisions in row order. */
    @SafeVarargs
    public static <E> List<Decision> check(Rule<E> rule, Row<E>... rows) {
        String text = rule.text();
        assertFalse(text == null || text.isBlank(), "rule text is empty");
        assertFalse(text.contains("null"), "rule text renders a null: " + text);
        assertFalse(text.matches(".*%[a-z0-9.].*"), "rule text has an unformatted placeholder: " + text);
        assertTrue(rule.outcomes().contains(Verdict.DOES_NOT_HOLD), "a rule that cannot refute is a defect: " + rule);
        assertFalse(rule.outcomes().contains(Verdict.FAILED), "FAILED comes from a computation, not from a rule");
        Set<Verdict> reached = EnumSet.noneOf(Verdict.class);
        List<Decision> out = new java.util.ArrayList<>();
        for (Row<E> r : rows) {
            Decision d = rule.decide(r.evidence());
            assertNotNull(d, r.name());
            assertEquals(r.expected(), d.verdict(), r.name() + ": " + d.reason());
            assertTrue(rule.outcomes().contains(d.verdict()), r.name() + ": undeclared outcome " + d.verdict());
            reached.add(d.verdict());
            out.add(d);
        }
        assertEquals(rule.outcomes(), reached, "the table must reach every declared outcome of " + rule);
        return out;
    }
}
