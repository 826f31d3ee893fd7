package dev.weir.spec.schema;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Interpolator;
import dev.weir.spec.yaml.YNode;
import dev.weir.spec.yaml.YamlFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a topic's schema file; its extension says which kind of schema it is. */
public final class TopicSchemas {

    private TopicSchemas() {
    }

    public static TopicSchema read(Path projectDir, String path, Position reference) {
        Path file = projectDir.resolve(path).normalize();
        String display = file.startsWith(projectDir) ? projectDir.relativize(file).toString() : path;
        TopicSchema.Kind kind = null;
        for (TopicSchema.Kind k : TopicSchema.Kind.values()) {
            if (path.endsWith(k.extension())) {
                kind = k;
            }
        }
        if (kind == null) {
            throw SpecException.at(reference, "cannot tell the kind of schema '" + path + "' from its name",
                    "name it .json (JSON Schema), .avsc (Avro) or .proto (Protobuf)");
        }
        if (!Files.isRegularFile(file)) {
            throw SpecException.at(reference, "schema file '" + path + "' does not exist", JsonSchemaFile.siblingHint(file, path));
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw SpecException.at(reference, "cannot read schema file '" + path + "': " + e.getMessage());
        }
        JsonSchema recordType = switch (kind) {
            case JSON -> JsonSchemaFile.readRecordSchema(projectDir, path, reference);
            case AVRO -> {
                List<YNode> docs = YamlFiles.parse(text, display, Interpolator.none());
                if (docs.size() != 1) {
                    throw SpecException.at(Position.of(display), "an Avro schema file holds one JSON document");
                }
                yield AvroRecordSchema.read(docs.get(0));
            }
            // Protobuf schemas are parsed by the engine; here the record is open (any fields).
            case PROTOBUF -> new JsonSchema(Set.of(JsonType.OBJECT), Map.of(), Set.of(), true, Optional.empty(),
                    Position.of(display));
        };
        return new TopicSchema(kind, path, text, recordType, Position.of(display), reference);
    }
}
