package dev.weir.registry.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The schema types a registry accepts, by their Confluent type name. */
public final class SchemaFormats {

    private final Map<String, SchemaFormat> byType;

    private SchemaFormats(Collection<? extends SchemaFormat> formats) {
        Map<String, SchemaFormat> map = new TreeMap<>();
        for (SchemaFormat format : formats) {
            Objects.requireNonNull(format, "format can't be null");
            if (map.put(format.type(), format) != null) {
                throw new IllegalArgumentException("two schema formats for type " + format.type());
            }
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException("a registry needs at least one schema format");
        }
        this.byType = Map.copyOf(map);
    }

    /** The formats Weir ships. */
    public static SchemaFormats builtIn() {
        return of(builtInFormats());
    }

    public static SchemaFormats of(Collection<? extends SchemaFormat> formats) {
        return new SchemaFormats(formats);
    }

    public static SchemaFormats of(SchemaFormat... formats) {
        return new SchemaFormats(List.of(formats));
    }

    /** A copy with one more format (or one replaced, by type). */
    public SchemaFormats with(SchemaFormat format) {
        List<SchemaFormat> formats = new ArrayList<>(byType.values());
        formats.removeIf(f -> f.type().equals(format.type()));
        formats.add(format);
        return new SchemaFormats(formats);
    }

    public Optional<SchemaFormat> get(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The type names, sorted. */
    public List<String> types() {
        return new ArrayList<>(new TreeMap<>(byType).keySet());
    }

    private static List<SchemaFormat> builtInFormats() {
        return List.of(new AvroFormat(), new JsonSchemaFormat(), new ProtobufFormat());
    }
}
