package dev.weir.spec.schema;

import dev.weir.spec.Position;

/**
 * A topic's value schema, from a file of the project: its kind (by extension: {@code .json} JSON
 * Schema, {@code .avsc} Avro, {@code .proto} Protobuf), its path as the topic names it, its text
 * (registered as is), and the record type expressions are checked against. {@code pos} is the
 * file; {@code declaredAt} the topic's {@code schema:} field.
 */
public record TopicSchema(Kind kind, String path, String text, JsonSchema recordType, Position pos,
                          Position declaredAt) {

    public enum Kind {
        JSON("JSON", ".json"), AVRO("AVRO", ".avsc"), PROTOBUF("PROTOBUF", ".proto");

        private final String registryType;
        private final String extension;

        Kind(String registryType, String extension) {
            this.registryType = registryType;
            this.extension = extension;
        }

        /** The type's name in the schema registry API. */
        public String registryType() {
            return registryType;
        }

        public String extension() {
            return extension;
        }
    }
}
