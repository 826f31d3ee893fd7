package dev.weir.registry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.registry.core.Proposal;
import dev.weir.registry.core.RegistryException;
import dev.weir.registry.core.SchemaReference;
import dev.weir.registry.format.AvroFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads request bodies. As in the Confluent registry, a body that is not JSON is a 400 with error
 * code 400, a missing body a 422 with code 422, and a field of the wrong JSON type a 400.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw new RegistryException(422, "The request body is required");
        }
        JsonNode node;
        try {
            node = ApiJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RegistryException(400, e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RegistryException(400, "The request body must be a JSON object");
        }
        return node;
    }

    /** A registration (or lookup, or compatibility check) request: schema, schemaType, references, id, version. */
    static Proposal.Register schema(String subject, String body) {
        JsonNode node = object(body);
        String schema = text(node, "schema").orElse("");
        String type = text(node, "schemaType").orElse(AvroFormat.TYPE);
        List<SchemaReference> references = new ArrayList<>();
        JsonNode refs = node.path("references");
        if (!refs.isMissingNode() && !refs.isNull()) {
            if (!refs.isArray()) {
                throw new RegistryException(400, "'references' must be an array");
            }
            for (JsonNode ref : refs) {
                if (!ref.isObject()) {
                    throw new RegistryException(400, "each reference must be an object with name, subject and version");
                }
                references.add(new SchemaReference(text(ref, "name").orElse(""), text(ref, "subject").orElse(""),
                        integer(ref, "version").orElse(-1)));
            }
        }
        Optional<Integer> id = integer(node, "id").filter(i -> i >= 0);
        Optional<Integer> version = integer(node, "version").filter(v -> v > 0);
        return new Proposal.Register(subject, type, schema, references, id, version);
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw new RegistryException(400, "'" + field + "' must be a string");
        }
        return Optional.of(value.asText());
    }

    private static Optional<Integer> integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return Optional.of(value.asInt());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Integer.parseInt(value.asText().strip()));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new RegistryException(400, "'" + field + "' must be an integer");
    }
}
