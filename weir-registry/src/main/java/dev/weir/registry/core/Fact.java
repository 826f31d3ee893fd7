package dev.weir.registry.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One settled piece of registry state, as kept in the log under its own key. A later fact with the
 * same key replaces an earlier one, so the registry's visible state depends only on the latest
 * fact per key, which is exactly what log compaction keeps.
 */
public sealed interface Fact {

    /** Id {@code id} names this schema. Never removed: ids are not handed out twice. */
    record SchemaId(int id, StoredSchema schema) implements Fact {
        public SchemaId {
            Objects.requireNonNull(schema, "schema can't be null");
        }
    }

    /** Version {@code version} of {@code subject} is the schema with id {@code id}, perhaps soft-deleted. */
    record VersionSet(String subject, int version, int id, boolean deleted) implements Fact {
        public VersionSet {
            Objects.requireNonNull(subject, "subject can't be null");
        }
    }

    /** Version {@code version} of {@code subject} is permanently deleted. */
    record VersionRemoved(String subject, int version) implements Fact {
        public VersionRemoved {
            Objects.requireNonNull(subject, "subject can't be null");
        }
    }

    /** The compatibility level of a subject, or of the registry when {@code subject} is empty. */
    record ConfigSet(Optional<String> subject, CompatibilityLevel level) implements Fact {
        public ConfigSet {
            Objects.requireNonNull(subject, "subject can't be null");
            Objects.requireNonNull(level, "level can't be null");
        }
    }

    /** The subject's (or the registry's) compatibility level goes back to its default. */
    record ConfigRemoved(Optional<String> subject) implements Fact {
        public ConfigRemoved {
            Objects.requireNonNull(subject, "subject can't be null");
        }
    }

    /** The mode of a subject, or of the registry when {@code subject} is empty. */
    record ModeSet(Optional<String> subject, Mode mode) implements Fact {
        public ModeSet {
            Objects.requireNonNull(subject, "subject can't be null");
            Objects.requireNonNull(mode, "mode can't be null");
        }
    }

    /** The subject's (or the registry's) mode goes back to its default. */
    record ModeRemoved(Optional<String> subject) implements Fact {
        public ModeRemoved {
            Objects.requireNonNull(subject, "subject can't be null");
        }
    }
}
