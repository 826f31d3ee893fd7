package dev.weir.registry.core;

import java.util.Locale;
import java.util.Optional;

/** What a registry, or one subject, accepts. */
public enum Mode {
    /** Registrations and deletions, with ids assigned by the registry. */
    READWRITE,
    /** Reads only: every change is refused with error 42205. */
    READONLY,
    /** Registrations with a given id (and version), to copy schemas from another registry; no compatibility checks. */
    IMPORT;

    public static Optional<Mode> parse(String name) {
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
