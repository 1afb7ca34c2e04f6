package io.thermoscope.report;

import io.thermoscope.decision.Decision;
import io.thermoscope.decision.Rule;
import io.thermoscope.decision.Verdict;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One claim of the paper, tested: what is claimed, by which rule it was decided, the decision, and the evidence as
 * the report presents it. Built with {@link #decided}: the rule's sentence is rendered before the rule reads the
 * evidence, so text and decision come from the same constants and the text cannot be written after the outcome.
 *
 * @param subject      what is claimed and where
 * @param kind         whether the rule is empirical or checks an identity (counted apart in the summary)
 * @param rule         the rule's sentence, rendered from its constants
 * @param decision     the verdict, the reason and, if inconclusive for lack of power, the shortfall
 * @param presentation the evidence in words, the key numbers and the figures
 */
public record Claim(Subject subject, Kind kind, String rule, Decision decision, Presentation presentation) {

    /** Validates that every part is present. */
    public Claim {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(presentation, "presentation");
    }

    /** Whether a claim's rule is an empirical test or a numerical check of an identity. */
    public enum Kind {
        /** A rule that tests the theory on evidence and can come out either way. */
        EMPIRICAL,
        /** A mathematical identity checked numerically: it verifies the bookkeeping, not the theory. */
        IDENTITY
    }

    /**
     * What is claimed.
     *
     * @param id        short identifier (also the HTML anchor); unique in a report
     * @param statement the claim in words
     * @param source    where the paper makes it (e.g. "§II, Eqs. 8–12")
     */
    public record Subject(String id, String statement, String source) {
        /** Validates the identifier. */
        public Subject {
            if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("bad claim id: " + id);
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * How the report shows the evidence.
     *
     * @param evidence what was measured, one sentence or a short paragraph (plain text)
     * @param numbers  key numbers shown in a table (insertion order kept)
     * @param figures  figures as standalone SVG documents, embedded inline
     */
    public record Presentation(String evidence, Map<String, String> numbers, List<Figure> figures) {
        /** Copies the collections (keeping the numbers' order). */
        public Presentation {
            Objects.requireNonNull(evidence, "evidence");
            numbers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(numbers));
            figures = List.copyOf(figures);
        }
    }

    /**
     * An embedded figure.
     *
     * @param caption text under the figure
     * @param svg     the standalone SVG document
     * @param file    relative path of the PNG/SVG files on disk (shown as a link), may be empty
     */
    public record Figure(String caption, String svg, String file) {
    }

    /** Decides {@code evidence} by {@code rule} (its sentence rendered first) and keeps the presentation. */
    public static <E> Claim decided(Subject subject, Rule<E> rule, E evidence, Presentation presentation) {
        String text = rule.text();
        Decision d = rule.decide(evidence);
        return new Claim(subject, rule.identity() ? Kind.IDENTITY : Kind.EMPIRICAL, text, d, presentation);
    }

    /** The claim of a computation that did not finish: verdict {@link Verdict#FAILED} with the error in one line. */
    public static Claim failed(Subject subject, Throwable error) {
        String msg = error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + error.getMessage().replace('\n', ' ');
        return new Claim(subject, Kind.EMPIRICAL, "", Decision.of(Verdict.FAILED, msg),
                new Presentation("The computation failed before a verdict could be reached: " + msg, Map.of(), List.of()));
    }

    /** The claim's identifier. */
    public String id() {
        return subject.id();
    }

    /** The verdict. */
    public Verdict verdict() {
        return decision.verdict();
    }
}
