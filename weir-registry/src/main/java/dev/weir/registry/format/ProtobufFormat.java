package dev.weir.registry.format;

import java.util.List;

/**
 * Protocol Buffers (.proto files, proto2 and proto3), registered as type {@code PROTOBUF}, parsed
 * with Square Wire. Imports resolve to the schema's references by import path; the canonical text
 * is Wire's normalized formatting of the file. Compatibility follows the rules in
 * {@code docs/registry-compatibility.md}.
 */
public final class ProtobufFormat implements SchemaFormat {

    public ProtobufFormat() {
    }

    @Override
    public String type() {
        return "PROTOBUF";
    }

    @Override
    public String canonicalize(SchemaText schema) {
        ProtoSchemaSet set = ProtoSchemaSet.load(schema);
        ProtoSchemaCheck.check(set);
        return set.canonical();
    }

    @Override
    public List<String> readerProblems(SchemaText reader, SchemaText writer) {
        return new ProtobufRules(ProtoSchemaSet.load(reader), ProtoSchemaSet.load(writer)).problems();
    }
}
