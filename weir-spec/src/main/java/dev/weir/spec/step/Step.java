package dev.weir.spec.step;

import dev.weir.spec.Position;

/**
 * One step of a pipeline. The set is closed: each type is a record here (its configuration) and a
 * compiler in the engine (what it does to the stream).
 */
public sealed interface Step permits FilterStep, MapStep, MaskStep, ValidateStep, RouteStep, DedupeStep,
        EnrichStep, JoinStep, AggregateStep {

    /** Names the step in dead-letter headers and metrics: its {@code name}, else its type (numbered if repeated). */
    String id();

    /** The step type as written in YAML, e.g. {@code filter}. */
    String type();

    Position pos();
}
