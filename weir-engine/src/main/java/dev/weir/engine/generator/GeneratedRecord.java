package dev.weir.engine.generator;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One generated record, ready to produce.
 *
 * @param key     the value of the generator's {@code key} field as text, or null without a key (or when it is null)
 * @param value   UTF-8 JSON of the fields in their declared order; for a bad record, whatever {@code badKind} says
 * @param badKind how the record was deliberately broken; empty for a good record
 */
public record GeneratedRecord(String key, byte[] value, Optional<BadRecordKind> badKind) {

    /** Whether this record was deliberately broken. */
    public boolean bad() {
        return badKind.isPresent();
    }

    /** The value as text. */
    public String valueText() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
