package dev.weir.engine.expr;

/**
 * An expression could not be evaluated on a record (a missing field, a wrong type). The record
 * goes to the dead-letter topic; the stack trace is of no use there, so none is filled in.
 */
public final class EvaluationFailure extends RuntimeException {

    public EvaluationFailure(String message) {
        super(message, null, false, false);
    }
}
