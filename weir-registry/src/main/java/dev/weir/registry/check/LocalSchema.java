package dev.weir.registry.check;

import dev.weir.registry.core.CompatibilityLevel;

import java.util.Objects;

/**
 * A schema kept as a file of a project: the subject it is registered under, its path (relative to
 * the project directory, as the project names it), its type in the registry API ({@code AVRO},
 * {@code JSON}, {@code PROTOBUF}), its text as the file holds it now, and how it may change.
 */
public record LocalSchema(String subject, String path, String type, String text, CompatibilityLevel level) {

    public LocalSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(level, "level");
    }
}
