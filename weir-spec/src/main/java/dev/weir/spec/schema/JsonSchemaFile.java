package dev.weir.spec.schema;

import dev.weir.spec.Names;
import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.Interpolator;
import dev.weir.spec.yaml.YNode;
import dev.weir.spec.yaml.YamlFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a JSON Schema file of a project into a {@link JsonSchema}. JSON is YAML, so the YAML
 * reader parses it and every node keeps its line and column for error messages.
 */
public final class JsonSchemaFile {

    private static final List<String> TYPE_NAMES = Arrays.stream(JsonType.values()).map(JsonType::keyword).toList();

    private JsonSchemaFile() {
    }

    /**
     * Reads {@code path} (relative to {@code projectDir}) as the schema of a topic's records, which
     * must describe a JSON object. {@code reference} is where the path was written.
     */
    public static JsonSchema readRecordSchema(Path projectDir, String path, Position reference) {
        Path file = projectDir.resolve(path).normalize();
        if (!Files.isRegularFile(file)) {
            throw SpecException.at(reference, "schema file '" + path + "' does not exist", siblingHint(file, path));
        }
        String display = projectDir.relativize(file).toString();
        List<YNode> docs = YamlFiles.read(file, display, Interpolator.none());
        if (docs.size() != 1) {
            throw SpecException.at(Position.of(display), "a schema file holds one JSON object, found "
                    + docs.size() + " documents");
        }
        JsonSchema schema = parse(docs.get(0));
        if (!schema.nonNullTypes().equals(Set.of(JsonType.OBJECT))) {
            throw SpecException.at(schema.pos(), "a topic's schema must describe a JSON object",
                    "start it with: { \"type\": \"object\", \"properties\": { ... } }");
        }
        return schema;
    }

    static JsonSchema parse(YNode node) {
        if (node instanceof YNode.YScalar s && s.type() == YNode.YScalar.Type.BOOL
                && Boolean.parseBoolean(s.text().toLowerCase())) {
            return JsonSchema.any(node.pos());
        }
        YNode.YMap map = Fields.asMap(node, "schema");
        Set<JsonType> types = map.has("type") ? types(map.get("type")) : EnumSet.noneOf(JsonType.class);
        Map<String, JsonSchema> properties = new LinkedHashMap<>();
        if (map.has("properties")) {
            Fields.asMap(map.get("properties"), "properties").entries()
                    .forEach((name, e) -> properties.put(name, parse(e.value())));
            if (types.isEmpty()) {
                types = EnumSet.of(JsonType.OBJECT); // properties without a type: an object, as schemas often mean
            }
        }
        Set<String> required = new LinkedHashSet<>();
        if (map.has("required")) {
            YNode list = map.get("required");
            for (YNode item : Fields.list(list, "required", i -> i)) {
                String name = Fields.string(item, "required");
                if (!properties.containsKey(name)) {
                    throw SpecException.at(item.pos(), "required property '" + name + "' is not among the properties",
                            Names.hint(name, properties.keySet()));
                }
                required.add(name);
            }
        }
        boolean additional = false;
        if (map.has("additionalProperties")) {
            YNode a = map.get("additionalProperties");
            additional = !(a instanceof YNode.YScalar s && s.type() == YNode.YScalar.Type.BOOL
                    && !Boolean.parseBoolean(s.text().toLowerCase()));
        }
        Optional<JsonSchema> items = map.has("items") ? Optional.of(parse(map.get("items"))) : Optional.empty();
        return new JsonSchema(types, properties, required, additional, items, node.pos());
    }

    private static Set<JsonType> types(YNode node) {
        Set<JsonType> out = EnumSet.noneOf(JsonType.class);
        for (YNode item : Fields.oneOrMany(node, "type", i -> i)) {
            String name = Fields.string(item, "type");
            JsonType t = Arrays.stream(JsonType.values()).filter(v -> v.keyword().equals(name)).findFirst()
                    .orElseThrow(() -> SpecException.at(item.pos(), "unknown JSON Schema type '" + name + "'",
                            Names.hint(name, TYPE_NAMES)));
            out.add(t);
        }
        return out;
    }

    static String siblingHint(Path file, String path) {
        List<String> siblings = new ArrayList<>();
        Path parent = file.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            try (Stream<Path> files = Files.list(parent)) {
                files.filter(Files::isRegularFile).forEach(f -> siblings.add(f.getFileName().toString()));
            } catch (IOException e) {
                // no hint then
            }
        }
        String name = file.getFileName().toString();
        return Names.closest(name, siblings)
                .map(c -> "did you mean '" + path.substring(0, path.length() - name.length()) + c + "'?")
                .orElse("paths are relative to the project directory, e.g. schemas/orders.schema.json");
    }
}
