package dev.weir.spec.doc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The documentation of a step type: what it does, what its configuration may be, and an example
 * that the real parser accepts (a test makes sure).
 *
 * @param type    the step's key in YAML, e.g. {@code filter}
 * @param title   a few words, e.g. "Keep records that match"
 * @param value   what may follow the key: usually an object, sometimes also a short form
 * @param example a YAML list item, e.g. {@code - filter: "amount > 0"}
 */
public record StepDoc(String type, String title, String summary, ValueType value, String example) {

    /** The {@code name} every step's mapping form may carry. */
    public static final FieldDoc NAME = FieldDoc.optional("name", ValueType.string(),
            "the step type, numbered when the type repeats (map-2)",
            "Names the step in dead-letter headers and metrics.");

    public StepDoc {
        Objects.requireNonNull(type, "type can't be null");
        Objects.requireNonNull(title, "title can't be null");
        Objects.requireNonNull(summary, "summary can't be null");
        Objects.requireNonNull(value, "value can't be null");
        Objects.requireNonNull(example, "example can't be null");
    }

    /** The mapping form of the step's configuration, when it has one. */
    public Optional<ValueType.ObjectOf> objectForm() {
        if (value instanceof ValueType.ObjectOf o) {
            return Optional.of(o);
        }
        if (value instanceof ValueType.OneOf one) {
            return one.forms().stream().filter(ValueType.ObjectOf.class::isInstance)
                    .map(ValueType.ObjectOf.class::cast).findFirst();
        }
        return Optional.empty();
    }

    /** The fields of the mapping form; empty for a step without one. */
    public List<FieldDoc> fields() {
        return objectForm().map(ValueType.ObjectOf::fields).orElse(List.of());
    }
}
