package dev.weir.spec.test;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One record a test case sends to a topic. {@code value} is kept as written: a mapping is sent
 * as a JSON object, a string as raw text, null as a tombstone; the runner checks it against the
 * topic's format. Without {@code timestamp} the record is stamped 1 ms after the one before.
 */
public record InputRecord(String topic, Position topicPos, Optional<String> key, YNode value,
                          Optional<Long> timestamp, Map<String, String> headers, Position pos) {

    /**
     * Reads {@code input}: a mapping of topic to records (sent topic by topic, in the order
     * written), or a list of records that each name their {@code topic} (sent in list order, so
     * topics can interleave).
     */
    static List<InputRecord> parseAll(YNode input) {
        List<InputRecord> out = new ArrayList<>();
        if (input instanceof YNode.YMap m) {
            for (YNode.YMap.Entry e : m.entries().values()) {
                Fields.list(e.value(), e.key(), item -> out.add(parse(item, e.key(), e.keyPos())));
            }
            return out;
        }
        if (input instanceof YNode.YSeq s) {
            for (YNode item : s.items()) {
                out.add(parse(item, null, null));
            }
            return out;
        }
        throw SpecException.at(input.pos(), "'input' must be a mapping of topic to records, found " + input.describe(),
                "e.g. input: { transactions: [ { key: c-1, value: { amount: 10 } } ] }");
    }

    private static InputRecord parse(YNode item, String topic, Position topicPos) {
        Fields f = Fields.of(item, "input record");
        if (topic == null) {
            topic = f.requiredString("topic");
            topicPos = f.required("topic").pos();
        }
        Optional<String> key = f.optional("key").map(n -> Fields.scalarText(n, "key"));
        f.optional("value");
        YNode value = f.node().get("value");
        if (value == null) {
            throw SpecException.at(item.pos(), "input record for '" + topic + "' has no 'value'",
                    "write value: null to send a tombstone");
        }
        Optional<Long> timestamp = f.optional("timestamp").map(InputRecord::timestamp);
        Map<String, String> headers = f.stringMap("headers");
        f.finish();
        return new InputRecord(topic, topicPos, key, value, timestamp, Map.copyOf(headers), item.pos());
    }

    /** Epoch milliseconds, or an ISO-8601 instant such as {@code 2026-01-01T00:00:00Z}. */
    static long timestamp(YNode n) {
        if (n instanceof YNode.YScalar s && s.type() == YNode.YScalar.Type.INT) {
            try {
                long ms = Long.parseLong(s.text().replace("_", ""));
                if (ms >= 0) {
                    return ms;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        } else if (n instanceof YNode.YScalar s && s.type() == YNode.YScalar.Type.STRING) {
            try {
                return Instant.parse(s.text()).toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s.text()).toInstant().toEpochMilli();
                } catch (DateTimeParseException e2) {
                    // reported below
                }
            }
        }
        throw SpecException.at(n.pos(), "'timestamp' must be epoch milliseconds or an ISO-8601 time, found "
                + (n instanceof YNode.YScalar s ? "'" + s.text() + "'" : n.describe()),
                "e.g. timestamp: \"2026-01-01T00:00:00Z\" or timestamp: 1767225600000");
    }
}
