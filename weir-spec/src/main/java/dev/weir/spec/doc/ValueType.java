package dev.weir.spec.doc;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a field's value may be, in the words of the reference docs and the JSON Schema. A closed
 * vocabulary: every field of every resource and step is described with these.
 */
public sealed interface ValueType {

    /** How the type reads in a reference table, e.g. {@code list of string}. */
    String describe();

    /** Text. */
    record Text() implements ValueType {
        @Override
        public String describe() {
            return "string";
        }
    }

    /** Any single value, taken as its text: {@code 3}, {@code true} and {@code "x"} alike (topic configs, labels). */
    record Scalar() implements ValueType {
        @Override
        public String describe() {
            return "scalar";
        }
    }

    /** A CEL expression over the record's fields. */
    record Expression() implements ValueType {
        @Override
        public String describe() {
            return "expression";
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT1M}. */
    record DurationValue() implements ValueType {
        @Override
        public String describe() {
            return "duration";
        }
    }

    record IntegerValue() implements ValueType {
        @Override
        public String describe() {
            return "integer";
        }
    }

    /** An integer or a decimal. */
    record NumberValue() implements ValueType {
        @Override
        public String describe() {
            return "number";
        }
    }

    record BooleanValue() implements ValueType {
        @Override
        public String describe() {
            return "boolean";
        }
    }

    /** One of fixed words, as written in YAML. */
    record EnumValue(List<String> values) implements ValueType {
        public EnumValue {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            return "one of " + String.join(", ", values);
        }
    }

    record ListOf(ValueType item) implements ValueType {
        @Override
        public String describe() {
            return "list of " + item.describe();
        }
    }

    /** A mapping whose keys the user chooses (field names, config names) and whose values are all alike. */
    record MapOf(ValueType value) implements ValueType {
        @Override
        public String describe() {
            return "map of name to " + value.describe();
        }
    }

    /**
     * A mapping with declared fields and no others. {@code exactlyOne}: of these fields exactly one
     * must be given (a window's kind); {@code atLeastOne}: at least one of these (a map step's work);
     * {@code requires}: a field that is only accepted beside another (a generator's jitter beside timestamp).
     */
    record ObjectOf(List<FieldDoc> fields, List<String> exactlyOne, List<String> atLeastOne,
                    Map<String, String> requires) implements ValueType {
        public ObjectOf {
            fields = List.copyOf(fields);
            exactlyOne = List.copyOf(exactlyOne);
            atLeastOne = List.copyOf(atLeastOne);
            requires = Collections.unmodifiableMap(new LinkedHashMap<>(requires));
            for (String name : exactlyOne) {
                requireField(fields, name);
            }
            for (String name : atLeastOne) {
                requireField(fields, name);
            }
            for (Map.Entry<String, String> r : requires.entrySet()) {
                requireField(fields, r.getKey());
                requireField(fields, r.getValue());
            }
        }

        public ObjectOf exactlyOneOf(String... names) {
            return new ObjectOf(fields, List.of(names), atLeastOne, requires);
        }

        public ObjectOf atLeastOneOf(String... names) {
            return new ObjectOf(fields, exactlyOne, List.of(names), requires);
        }

        /** {@code field} is accepted only when {@code needed} is given too. */
        public ObjectOf requiring(String field, String needed) {
            Map<String, String> r = new LinkedHashMap<>(requires);
            r.put(field, needed);
            return new ObjectOf(fields, exactlyOne, atLeastOne, r);
        }

        public List<String> fieldNames() {
            return fields.stream().map(FieldDoc::name).toList();
        }

        private static void requireField(List<FieldDoc> fields, String name) {
            if (fields.stream().noneMatch(f -> f.name().equals(name))) {
                throw new IllegalArgumentException("no field '" + name + "' among " + fields);
            }
        }

        @Override
        public String describe() {
            return "object";
        }
    }

    /** Several accepted forms, such as {@code filter: "expr"} or {@code filter: { expr: ..., name: ... }}. */
    record OneOf(List<ValueType> forms) implements ValueType {
        public OneOf {
            forms = List.copyOf(forms);
            if (forms.size() < 2) {
                throw new IllegalArgumentException("one-of needs at least two forms");
            }
        }

        @Override
        public String describe() {
            return String.join(" or ", forms.stream().map(ValueType::describe).toList());
        }
    }

    /** Any YAML value. */
    record AnyValue() implements ValueType {
        @Override
        public String describe() {
            return "any";
        }
    }

    /**
     * A named type, documented once and referred to where it is used; the only way to describe a
     * recursive structure (a generator's list items are generator fields). {@code target} is
     * looked up lazily so that a declaration may refer to itself.
     */
    record Ref(String name, String title, Supplier<ValueType> target) implements ValueType {
        public Ref {
            Objects.requireNonNull(name, "name can't be null");
            Objects.requireNonNull(target, "target can't be null");
        }

        public ValueType resolve() {
            return Objects.requireNonNull(target.get(), () -> "type " + name + " is not declared yet");
        }

        @Override
        public String describe() {
            return title;
        }
    }

    // ---- factories --------------------------------------------------------------------------

    static ValueType string() {
        return new Text();
    }

    static ValueType scalar() {
        return new Scalar();
    }

    static ValueType expression() {
        return new Expression();
    }

    static ValueType duration() {
        return new DurationValue();
    }

    static ValueType integer() {
        return new IntegerValue();
    }

    static ValueType number() {
        return new NumberValue();
    }

    static ValueType bool() {
        return new BooleanValue();
    }

    static EnumValue enumOf(String... values) {
        return new EnumValue(List.of(values));
    }

    static EnumValue enumOf(List<String> values) {
        return new EnumValue(values);
    }

    /** The constants of a Java enum as the loader reads them: lower case, {@code _} written {@code -}. */
    static <E extends Enum<E>> EnumValue enumOf(Class<E> type) {
        return new EnumValue(Arrays.stream(type.getEnumConstants()).map(ValueType::yamlName).toList());
    }

    /** Some constants of a Java enum, for a field that accepts only part of it. */
    @SafeVarargs
    static <E extends Enum<E>> EnumValue enumOf(E... constants) {
        return new EnumValue(Arrays.stream(constants).map(ValueType::yamlName).toList());
    }

    static ValueType listOf(ValueType item) {
        return new ListOf(item);
    }

    static ValueType mapOf(ValueType value) {
        return new MapOf(value);
    }

    static ObjectOf object(FieldDoc... fields) {
        return new ObjectOf(List.of(fields), List.of(), List.of(), Map.of());
    }

    static ValueType oneOf(ValueType... forms) {
        return new OneOf(List.of(forms));
    }

    static ValueType any() {
        return new AnyValue();
    }

    static ValueType ref(String name, String title, Supplier<ValueType> target) {
        return new Ref(name, title, target);
    }

    private static String yamlName(Enum<?> e) {
        return e.name().toLowerCase().replace('_', '-');
    }
}
