package dev.weir.registry.format;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * JSON Schema (draft-04 to 2020-12), registered as type {@code JSON}. The canonical text is the
 * schema with object keys sorted and no insignificant whitespace; {@code $ref}s resolve within the
 * schema and to its references by name. Compatibility follows the rules in
 * {@code docs/registry-compatibility.md}.
 */
public final class JsonSchemaFormat implements SchemaFormat {

    public JsonSchemaFormat() {
    }

    @Override
    public String type() {
        return "JSON";
    }

    @Override
    public String canonicalize(SchemaText schema) {
        JsonSchemaDocuments documents = JsonSchemaDocuments.parse(schema);
        JsonSchemaCheck.check(documents);
        return JsonSchemaDocuments.canonical(documents.root().json());
    }

    @Override
    public List<String> readerProblems(SchemaText reader, SchemaText writer) {
        JsonSchemaNode readerRoot = JsonSchemaDocuments.parse(reader).root();
        JsonSchemaNode writerRoot = JsonSchemaDocuments.parse(writer).root();
        List<String> problems = new ArrayList<>();
        new JsonSchemaRules().compare("#", writerRoot, readerRoot, problems);
        return List.copyOf(new LinkedHashSet<>(problems));
    }
}
