package dev.weir.registry.format;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Avro schemas, read by Avro's own parser (defaults are validated) and compared by Avro's
 * schema-resolution rules.
 *
 * <p>Identity: the canonical text is the schema as Avro writes it back ({@link Schema#toString()}),
 * with referenced named types written by name. Two texts are the same schema when they differ only
 * in whitespace, attribute order or redundant namespaces; a different doc, default, alias, logical
 * type or custom property makes a different schema, as in the Confluent registry. Avro's
 * "parsing canonical form" is not used because it drops defaults and logical types, which change
 * what a consumer reads.
 */
public final class AvroFormat implements SchemaFormat {

    public static final String TYPE = "AVRO";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String canonicalize(SchemaText schema) {
        Parsed parsed = parse(schema);
        return parsed.referenced.isEmpty() ? parsed.schema.toString() : parsed.schema.toString(parsed.referenced, false);
    }

    @Override
    public List<String> readerProblems(SchemaText reader, SchemaText writer) {
        Schema readerSchema = parse(reader).schema;
        Schema writerSchema = parse(writer).schema;
        List<String> problems = new ArrayList<>();
        for (Incompatibility i : SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema)
                .getResult().getIncompatibilities()) {
            problems.add(describe(i, readerSchema));
        }
        return problems;
    }

    private static String describe(Incompatibility i, Schema reader) {
        String location = i.getLocation();
        String field = AvroFieldPath.of(reader, location);
        String where = field.isEmpty() ? "at '" + location + "'" : "field '" + field + "' (at '" + location + "')";
        return switch (i.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "field '" + qualified(field, i.getMessage())
                    + "' (at '" + location + "') is in the reader schema without a default value but missing from the writer schema";
            case TYPE_MISMATCH -> "type mismatch for " + where + ": " + i.getMessage();
            case NAME_MISMATCH -> "name mismatch for " + where + ": " + i.getMessage();
            case FIXED_SIZE_MISMATCH -> "fixed size mismatch for " + where + ": " + i.getMessage();
            case MISSING_ENUM_SYMBOLS -> "the reader enum " + where + " lacks symbols the writer may send: " + i.getMessage();
            case MISSING_UNION_BRANCH -> "the reader union " + where + " lacks a branch the writer may send: " + i.getMessage();
            default -> i.getType() + " " + where + ": " + i.getMessage();
        };
    }

    private static String qualified(String parent, String name) {
        if (parent.isEmpty()) {
            return name;
        }
        // The location names the missing field itself; its path already ends with it.
        return parent.endsWith(name) ? parent : parent + "." + name;
    }

    private record Parsed(Schema schema, List<Schema> referenced) {
    }

    /**
     * Parses the referenced schemas first, in whatever order lets each find the names it uses
     * (references may use each other), then the schema itself with all their named types known.
     */
    private static Parsed parse(SchemaText text) {
        Map<String, Schema> known = new LinkedHashMap<>();
        List<Schema> referenced = new ArrayList<>();
        Map<String, String> pending = new LinkedHashMap<>(new java.util.TreeMap<>(text.references()));
        while (!pending.isEmpty()) {
            int before = pending.size();
            RuntimeException last = null;
            String lastName = null;
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var ref = it.next();
                try {
                    Schema.Parser parser = new Schema.Parser().addTypes(known);
                    Schema s = parser.parse(ref.getValue());
                    known.putAll(parser.getTypes());
                    referenced.add(s);
                    it.remove();
                } catch (RuntimeException e) {
                    last = e;
                    lastName = ref.getKey();
                }
            }
            if (pending.size() == before) {
                throw new InvalidSchemaException("invalid referenced schema '" + lastName + "': " + message(last), last);
            }
        }
        try {
            return new Parsed(new Schema.Parser().addTypes(known).parse(text.schema()), referenced);
        } catch (RuntimeException e) {
            throw new InvalidSchemaException("invalid Avro schema: " + message(e), e);
        }
    }

    private static String message(Throwable e) {
        // Avro fails on some unknown types with a bare NullPointerException.
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
