package dev.weir.registry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.registry.core.RegistryState;
import dev.weir.registry.core.SchemaReference;
import dev.weir.registry.core.StoredSchema;
import dev.weir.registry.core.VersionEntry;
import dev.weir.registry.format.AvroFormat;

import java.util.List;

/** The JSON bodies the API answers with, shaped as the Confluent registry's. */
final class ApiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    /** A version of a subject. The type is left out for AVRO and the references when there are none, as Confluent does. */
    @JsonPropertyOrder({"subject", "version", "id", "schemaType", "references", "schema"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record SubjectSchema(String subject, Integer version, Integer id, String schemaType, List<Reference> references,
                         String schema) {

        static SubjectSchema of(RegistryState state, VersionEntry v) {
            StoredSchema s = state.schema(v.id()).orElseThrow();
            return new SubjectSchema(v.subject(), v.version(), v.id(), typeOf(s), referencesOf(s), s.schema());
        }
    }

    /** A schema by id. */
    @JsonPropertyOrder({"schemaType", "references", "schema"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record SchemaString(String schemaType, List<Reference> references, String schema) {

        static SchemaString of(StoredSchema s) {
            return new SchemaString(typeOf(s), referencesOf(s), s.schema());
        }
    }

    @JsonPropertyOrder({"name", "subject", "version"})
    record Reference(String name, String subject, int version) {
    }

    record RegisteredId(int id) {
    }

    @JsonPropertyOrder({"subject", "version"})
    record SubjectVersion(String subject, int version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompatibilityCheck(@JsonProperty("is_compatible") boolean isCompatible, List<String> messages) {
    }

    record Config(String compatibilityLevel) {
    }

    record ConfigUpdate(String compatibility) {
    }

    record ModeBody(String mode) {
    }

    @JsonPropertyOrder({"error_code", "message"})
    record ErrorMessage(@JsonProperty("error_code") int errorCode, String message) {
    }

    private static String typeOf(StoredSchema s) {
        return s.type().equals(AvroFormat.TYPE) ? null : s.type();
    }

    private static List<Reference> referencesOf(StoredSchema s) {
        return s.references().stream().map(ApiJson::reference).toList();
    }

    private static Reference reference(SchemaReference r) {
        return new Reference(r.name(), r.subject(), r.version());
    }
}
