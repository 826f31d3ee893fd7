package dev.weir.registry.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change a client asked for. Every registry process decides it the same way, in log order
 * ({@link Decider}); {@code R} is what the client is answered when it is accepted.
 */
public sealed interface Proposal<R> {

    /** The subject the change is about, or empty for the registry-wide config or mode. */
    Optional<String> subject();

    /** Register a schema under a subject; {@code id} and {@code version} only in IMPORT mode. */
    record Register(String name, String type, String schema, List<SchemaReference> references,
                    Optional<Integer> id, Optional<Integer> version) implements Proposal<Integer> {
        public Register {
            Objects.requireNonNull(name, "subject can't be null");
            Objects.requireNonNull(type, "type can't be null");
            Objects.requireNonNull(schema, "schema can't be null");
            references = List.copyOf(references);
            Objects.requireNonNull(id, "id can't be null");
            Objects.requireNonNull(version, "version can't be null");
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(name);
        }
    }

    /** Delete one version ({@link VersionId#LATEST} for the latest); answers the version deleted. */
    record DeleteVersion(String name, int version, boolean permanent) implements Proposal<Integer> {
        @Override
        public Optional<String> subject() {
            return Optional.of(name);
        }
    }

    /** Delete every version of a subject; answers the versions deleted. */
    record DeleteSubject(String name, boolean permanent) implements Proposal<List<Integer>> {
        @Override
        public Optional<String> subject() {
            return Optional.of(name);
        }
    }

    /** Set the compatibility level; answers it. */
    record SetConfig(Optional<String> subject, CompatibilityLevel level) implements Proposal<CompatibilityLevel> {
    }

    /** Remove the compatibility level; answers the one it had. */
    record DeleteConfig(Optional<String> subject) implements Proposal<CompatibilityLevel> {
    }

    /** Set the mode; changing to IMPORT needs an empty scope unless {@code force}. Answers the mode. */
    record SetMode(Optional<String> subject, Mode mode, boolean force) implements Proposal<Mode> {
    }

    /** Remove a subject's mode; answers the one it had. */
    record DeleteMode(Optional<String> subject) implements Proposal<Mode> {
    }
}
