package dev.weir.spec.test;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.Map;
import java.util.Optional;

/**
 * A record a test expects on a topic. Only what is written is compared: without {@code key} any
 * key matches, without {@code value} any value, and only the listed {@code headers} are checked.
 * {@code key: null} expects a record without a key. The value keeps its YAML nodes, so a
 * difference can point at the line of the expected field.
 */
public record ExpectedRecord(Optional<YNode> key, Optional<YNode> value, Map<String, String> headers, Position pos) {

    static ExpectedRecord parse(YNode node) {
        Fields f = Fields.of(node, "expected record");
        f.optional("key");
        f.optional("value");
        Optional<YNode> key = Optional.ofNullable(f.node().get("key"));
        Optional<YNode> value = Optional.ofNullable(f.node().get("value"));
        if (key.isPresent() && !(key.get() instanceof YNode.YScalar)) {
            throw SpecException.at(key.get().pos(), "'key' must be a single value, found " + key.get().describe());
        }
        Map<String, String> headers = f.stringMap("headers");
        f.finish();
        return new ExpectedRecord(key, value, Map.copyOf(headers), node.pos());
    }
}
