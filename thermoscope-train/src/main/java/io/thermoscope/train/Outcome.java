package io.thermoscope.train;

/** What the grokking gate says of a run. Every run is counted in one of these; none is dropped. */
public enum Outcome {
    /** Memorised, validation accuracy stayed low for the gate's delay, then generalised. */
    GROKS("groks (delayed generalisation)"),
    /** Generalised together with (or too soon after) memorisation. */
    NO_DELAY("generalised without delay"),
    /** Memorised but never reached the generalisation accuracy within the budget. */
    NEVER_GENERALISED("never generalised"),
    /** Never reached the memorisation accuracy on the training set. */
    NEVER_MEMORISED("never memorised");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** How the report names it. */
    public String label() {
        return label;
    }
}
