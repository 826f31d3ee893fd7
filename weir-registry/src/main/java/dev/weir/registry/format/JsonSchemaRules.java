package dev.weir.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a reader validating with one JSON Schema accepts every document valid under another:
 * references, boolean schemas and combined schemas (allOf, anyOf, oneOf) here; the keywords of one
 * plain schema in {@link JsonSchemaKeywordRules} and {@link JsonSchemaContentRules}.
 *
 * <p>Combined schemas are taken apart in this order: a reader's conjunction (allOf, or keywords
 * beside a $ref or a combinator) must hold part by part; every branch of a writer's union (anyOf,
 * oneOf) must be accepted; one part of a writer's conjunction suffices; one branch of a reader's
 * union must accept.
 */
final class JsonSchemaRules {

    private static final int MAX_DEPTH = 200;
    private static final Set<String> COMBINATORS = Set.of("$ref", "allOf", "anyOf", "oneOf");

    private final Set<Pair> inProgress = new HashSet<>();
    private final JsonSchemaContentRules content = new JsonSchemaContentRules(this);
    private int depth;

    /** Adds to {@code out} why a reader using {@code r} rejects documents valid under {@code w}. */
    void compare(String path, JsonSchemaNode w, JsonSchemaNode r, List<String> out) {
        if (w == null || r == null || w.isFalse() || r.acceptsAll()) {
            return;
        }
        if (r.isFalse()) {
            out.add(path + ": the reader's schema is false, so nothing is accepted");
            return;
        }
        Pair pair = new Pair(w.json(), r.json());
        if (depth >= MAX_DEPTH || !inProgress.add(pair)) {
            return; // a recursive schema met again: assume what is being proved
        }
        depth++;
        try {
            split(path, w, r, out);
        } finally {
            depth--;
            inProgress.remove(pair);
        }
    }

    List<String> problems(String path, JsonSchemaNode w, JsonSchemaNode r) {
        List<String> out = new ArrayList<>();
        compare(path, w, r, out);
        return out;
    }

    private void split(String path, JsonSchemaNode w, JsonSchemaNode r, List<String> out) {
        List<Part> readerParts = conjuncts(r);
        if (!isItself(readerParts, r)) {
            readerParts.forEach(part -> compare(path + part.suffix(), w, part.node(), out));
            return;
        }
        List<Part> writerParts = conjuncts(w);
        if (!isItself(writerParts, w)) {
            anyPart(path, writerParts, r, out);
            return;
        }
        Union writerUnion = Union.of(w);
        Union readerUnion = Union.of(r);
        if (writerUnion != null) {
            writerBranches(path, writerUnion, readerUnion, r, out);
        } else if (readerUnion != null) {
            readerBranches(path, w, readerUnion, out);
        } else {
            JsonSchemaKeywordRules.compare(path, w, r, out, content);
        }
    }

    /**
     * A writer's conjunction: documents satisfy every part, so one compatible part is enough. The
     * path stays the reader's: the part is the writer's business.
     */
    private void anyPart(String path, List<Part> parts, JsonSchemaNode r, List<String> out) {
        List<String> fewest = null;
        for (Part part : parts) {
            List<String> problems = problems(path, part.node(), r);
            if (problems.isEmpty()) {
                return;
            }
            if (fewest == null || problems.size() < fewest.size()) {
                fewest = problems;
            }
        }
        out.addAll(fewest);
    }

    private void writerBranches(String path, Union writer, Union reader, JsonSchemaNode r, List<String> out) {
        if (reader != null && writer.keyword().equals("anyOf") && reader.keyword().equals("oneOf")
                && writer.branches().size() > 1 && reader.branches().size() > 1) {
            out.add(path + ": anyOf changed to oneOf, so documents matching several subschemas are rejected");
            return;
        }
        for (int i = 0; i < writer.branches().size(); i++) {
            compare(path + "/" + writer.keyword() + "/" + i, writer.branches().get(i), r, out);
        }
    }

    private void readerBranches(String path, JsonSchemaNode w, Union reader, List<String> out) {
        if (reader.branches().size() == 1) {
            compare(path + "/" + reader.keyword() + "/0", w, reader.branches().get(0), out);
            return;
        }
        JsonNode types = w.json().get("type");
        if (types != null && types.isArray() && types.size() > 1) {
            for (JsonNode type : types) {
                ObjectNode copy = JsonNodeFactory.instance.objectNode().setAll((ObjectNode) w.json());
                JsonSchemaNode typed = w.child(copy.set("type", type));
                if (!acceptedByABranch(path, typed, reader)) {
                    out.add(path + ": no subschema of the reader's " + reader.keyword() + " accepts the writer's "
                            + type.asText() + " values");
                }
            }
        } else if (!acceptedByABranch(path, w, reader)) {
            out.add(path + ": no subschema of the reader's " + reader.keyword() + " accepts the writer's schema");
        }
    }

    private boolean acceptedByABranch(String path, JsonSchemaNode w, Union reader) {
        return reader.branches().stream().anyMatch(branch -> problems(path, w, branch).isEmpty());
    }

    /**
     * The parts a schema's documents must all satisfy: its own keywords, its $ref target, each
     * allOf branch, and its anyOf and oneOf as unions of their own. A schema that is a single part
     * (plain, or a pure anyOf/oneOf) is returned as itself.
     */
    private static List<Part> conjuncts(JsonSchemaNode node) {
        JsonNode json = node.json();
        if (!json.isObject() || COMBINATORS.stream().noneMatch(json::has) || Union.of(node) != null) {
            return List.of(new Part("", node));
        }
        List<Part> parts = new ArrayList<>();
        ObjectNode own = JsonNodeFactory.instance.objectNode();
        json.properties().forEach(e -> {
            if (!COMBINATORS.contains(e.getKey())) {
                own.set(e.getKey(), e.getValue());
            }
        });
        if (!JsonSchemaNode.hasNoAssertion(own)) {
            parts.add(new Part("", node.child(own)));
        }
        JsonSchemaNode target = json.has("$ref") ? node.resolve(json.get("$ref").asText()) : null;
        if (target != null) {
            parts.add(new Part("", target));
        }
        JsonNode allOf = json.get("allOf");
        for (int i = 0; allOf != null && i < allOf.size(); i++) {
            parts.add(new Part("/allOf/" + i, node.child(allOf.get(i))));
        }
        for (String keyword : List.of("anyOf", "oneOf")) {
            if (json.has(keyword)) {
                parts.add(new Part("", node.child(JsonNodeFactory.instance.objectNode().set(keyword, json.get(keyword)))));
            }
        }
        return parts;
    }

    private static boolean isItself(List<Part> parts, JsonSchemaNode node) {
        return parts.isEmpty() || (parts.size() == 1 && parts.get(0).node().json() == node.json());
    }

    private record Part(String suffix, JsonSchemaNode node) {
    }

    /** A schema whose only assertion is one anyOf or oneOf. */
    private record Union(String keyword, List<JsonSchemaNode> branches) {

        static Union of(JsonSchemaNode node) {
            JsonNode json = node.json();
            if (!json.isObject()) {
                return null;
            }
            Union union = null;
            for (var property : json.properties()) {
                String name = property.getKey();
                boolean combinator = name.equals("anyOf") || name.equals("oneOf");
                if (!combinator && JsonSchemaNode.ASSERTIONS.contains(name)) {
                    return null;
                }
                if (combinator) {
                    if (union != null) {
                        return null;
                    }
                    List<JsonSchemaNode> branches = new ArrayList<>();
                    json.get(name).forEach(branch -> branches.add(node.child(branch)));
                    union = new Union(name, branches);
                }
            }
            return union;
        }
    }

    /** Two schemas being compared, by identity: a recursive schema meets the same pair again. */
    private record Pair(JsonNode writer, JsonNode reader) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.writer == writer && p.reader == reader;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(writer) + System.identityHashCode(reader);
        }
    }
}
