package dev.weir.registry.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Which earlier versions of a subject a new schema must stay compatible with, and in which
 * direction, with the meanings of the Confluent Schema Registry.
 */
public enum CompatibilityLevel {
    /** No check. */
    NONE(false, false, false),
    /** Consumers using the new schema can read data written with the latest version. */
    BACKWARD(true, false, false),
    /** Consumers using the new schema can read data written with every earlier version. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** Consumers using the latest version can read data written with the new schema. */
    FORWARD(false, true, false),
    /** Consumers using any earlier version can read data written with the new schema. */
    FORWARD_TRANSITIVE(false, true, true),
    /** Both BACKWARD and FORWARD. */
    FULL(true, true, false),
    /** Both BACKWARD_TRANSITIVE and FORWARD_TRANSITIVE. */
    FULL_TRANSITIVE(true, true, true);

    /** What a registry uses when neither the subject nor the registry sets a level. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    public boolean backward() {
        return backward;
    }

    public boolean forward() {
        return forward;
    }

    public boolean transitive() {
        return transitive;
    }

    /** The level named {@code name}, in any case; empty when there is none. */
    public static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
