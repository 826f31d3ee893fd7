package dev.weir.spec.doc;

import java.util.Objects;
import java.util.Optional;

/**
 * One field of a resource or step, declared once next to the code that reads it; reference docs
 * and the JSON Schema are made from these. A field is required exactly when it has no default and
 * is not optional.
 *
 * @param defaultValue what applies when the field is left out, as the user would write it
 *                     ({@code json}, {@code 1}) or in words ({@code the topic's name})
 */
public record FieldDoc(String name, ValueType type, boolean required, Optional<String> defaultValue, String description) {

    public FieldDoc {
        Objects.requireNonNull(name, "name can't be null");
        Objects.requireNonNull(type, "type can't be null");
        Objects.requireNonNull(defaultValue, "defaultValue can't be null");
        Objects.requireNonNull(description, "description can't be null");
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException("required field '" + name + "' can't have a default");
        }
    }

    public static FieldDoc required(String name, ValueType type, String description) {
        return new FieldDoc(name, type, true, Optional.empty(), description);
    }

    public static FieldDoc optional(String name, ValueType type, String description) {
        return new FieldDoc(name, type, false, Optional.empty(), description);
    }

    public static FieldDoc optional(String name, ValueType type, String defaultValue, String description) {
        return new FieldDoc(name, type, false, Optional.of(defaultValue), description);
    }
}
