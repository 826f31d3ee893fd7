package dev.weir.engine.validate;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.cel.common.types.SimpleType;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What is known of the records at one point of a pipeline: their fields in order, each with a CEL
 * type. A <em>closed</em> type knows the fields exactly (a schema said so, or a step built the
 * record); an <em>open</em> one may have other fields, of unknown type. A type also remembers the
 * fields earlier steps removed, and how, so that a later use can say which step took them.
 * Immutable: every change gives a new type.
 */
public final class RecordType {

    /**
     * A field: its CEL type, whether every record has it non-null ({@code required}), and for an
     * object whose properties are known, their type ({@code shape}).
     */
    public record Field(String name, CelType type, boolean required, Optional<RecordType> shape) {

        public static Field of(String name, CelType type) {
            return new Field(name, type, false, Optional.empty());
        }

        public Field named(String newName) {
            return new Field(newName, type, required, shape);
        }

        public Field asRequired(boolean r) {
            return new Field(name, type, r, shape);
        }

        @Override
        public String toString() {
            return name + ": " + typeName(type);
        }
    }

    /** How a field was removed, e.g. {@code dropped by step 'map' (pipelines/p.yaml:12:7)}, and what to do. */
    public record Removal(String how, Optional<String> hint) {
    }

    private final Map<String, Field> fields;
    private final boolean closed;
    private final Map<String, Removal> removed;

    private RecordType(Map<String, Field> fields, boolean closed, Map<String, Removal> removed) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.closed = closed;
        this.removed = Collections.unmodifiableMap(new LinkedHashMap<>(removed));
    }

    /** Records of which nothing is known: every field is {@code dyn}. */
    public static RecordType open() {
        return new RecordType(Map.of(), false, Map.of());
    }

    public static RecordType open(List<Field> fields) {
        return new RecordType(index(fields), false, Map.of());
    }

    public static RecordType closed(List<Field> fields) {
        return new RecordType(index(fields), true, Map.of());
    }

    private static Map<String, Field> index(List<Field> fields) {
        Map<String, Field> m = new LinkedHashMap<>();
        fields.forEach(f -> m.put(f.name(), f));
        return m;
    }

    public boolean isClosed() {
        return closed;
    }

    public Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public Collection<Field> fields() {
        return fields.values();
    }

    public Set<String> fieldNames() {
        return fields.keySet();
    }

    /** Why {@code name} is no longer a field, when an earlier step removed it. */
    public Optional<Removal> removal(String name) {
        return fields.containsKey(name) ? Optional.empty() : Optional.ofNullable(removed.get(name));
    }

    /** This type with {@code field} set: added at the end, or replacing the field of that name in place. */
    public RecordType with(Field field) {
        Map<String, Field> m = new LinkedHashMap<>(fields);
        m.put(field.name(), field);
        return new RecordType(m, closed, removed);
    }

    /** This type without field {@code name}, which a step removed. */
    public RecordType without(String name, Removal why) {
        Map<String, Field> m = new LinkedHashMap<>(fields);
        m.remove(name);
        Map<String, Removal> r = new LinkedHashMap<>(removed);
        r.put(name, why);
        return new RecordType(m, closed, r);
    }

    /**
     * Renames fields as the map step does: each field keeps its place under its new name. Names
     * renamed away and not produced again are removed with {@code why}.
     */
    public RecordType renamed(Map<String, String> renames, Function<String, Removal> why) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : fields.values()) {
            String name = renames.getOrDefault(f.name(), f.name());
            m.put(name, f.named(name));
        }
        Map<String, Removal> r = new LinkedHashMap<>(removed);
        renames.forEach((from, to) -> {
            if (!closed && !fields.containsKey(from)) {
                m.putIfAbsent(to, Field.of(to, SimpleType.DYN)); // an open record may have it
            }
        });
        renames.keySet().stream().filter(from -> !m.containsKey(from)).forEach(from -> r.put(from, why.apply(from)));
        return new RecordType(m, closed, r);
    }

    /**
     * The records a step puts in place of these ({@code results}, e.g. an aggregate's): every field
     * of this type that {@code results} lacks is removed with {@code why}.
     */
    public RecordType replacedBy(RecordType results, Removal why) {
        Map<String, Removal> r = new LinkedHashMap<>(removed);
        fields.keySet().stream().filter(n -> !results.fields.containsKey(n)).forEach(n -> r.put(n, why));
        return new RecordType(results.fields, results.closed, r);
    }

    /** The same fields, none of them certain to be there (e.g. after an outer join). */
    public RecordType allOptional() {
        Map<String, Field> m = new LinkedHashMap<>();
        fields.values().forEach(f -> m.put(f.name(), f.asRequired(false)));
        return new RecordType(m, closed, removed);
    }

    /**
     * What records of either type have in common, for a source reading several topics: a field of
     * both keeps its type when they agree (else {@code dyn}); a field of one is not required.
     */
    public RecordType union(RecordType other) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : fields.values()) {
            Field g = other.fields.get(f.name());
            if (g == null) {
                m.put(f.name(), other.closed ? f.asRequired(false) : Field.of(f.name(), SimpleType.DYN));
            } else {
                boolean same = f.type().equals(g.type());
                m.put(f.name(), new Field(f.name(), same ? f.type() : SimpleType.DYN, f.required() && g.required(),
                        same && f.shape().equals(g.shape()) ? f.shape() : Optional.empty()));
            }
        }
        for (Field g : other.fields.values()) {
            if (!m.containsKey(g.name())) {
                m.put(g.name(), closed ? g.asRequired(false) : Field.of(g.name(), SimpleType.DYN));
            }
        }
        return new RecordType(m, closed && other.closed, Map.of());
    }

    /** e.g. {@code {id: string, amount: double}}, with {@code ...} when other fields may exist. */
    public String describe() {
        String known = fields.values().stream().map(Field::toString).collect(Collectors.joining(", "));
        return "{" + known + (closed ? "" : known.isEmpty() ? "..." : ", ...") + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** A CEL type as users read it: {@code double}, {@code map(string, dyn)}, {@code timestamp}. */
    public static String typeName(CelType type) {
        if (type.kind() == CelKind.TIMESTAMP) {
            return "timestamp";
        }
        if (type.kind() == CelKind.DURATION) {
            return "duration";
        }
        if (type.kind() == CelKind.NULL_TYPE) {
            return "null";
        }
        return CelTypes.format(type);
    }
}
