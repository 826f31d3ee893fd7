package dev.weir.registry.core;

import java.util.List;
import java.util.Objects;

/** How a proposal was decided: accepted with the facts that settle it and the answer, or refused. */
public sealed interface Decision<R> {

    record Accepted<R>(List<Fact> facts, R result) implements Decision<R> {
        public Accepted {
            facts = List.copyOf(facts);
            Objects.requireNonNull(result, "result can't be null");
        }
    }

    record Refused<R>(RegistryException error) implements Decision<R> {
        public Refused {
            Objects.requireNonNull(error, "error can't be null");
        }
    }
}
