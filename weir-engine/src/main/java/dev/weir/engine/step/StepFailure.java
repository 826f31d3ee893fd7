package dev.weir.engine.step;

/** A record broke a rule of a step; it goes to the dead-letter topic with the rule's name. */
public final class StepFailure extends RuntimeException {

    private final String rule;

    public StepFailure(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
