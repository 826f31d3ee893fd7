package dev.weir.engine.testing;

import dev.weir.engine.record.Json;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Format;
import dev.weir.spec.test.InputRecord;
import dev.weir.spec.yaml.PlainValue;
import dev.weir.spec.yaml.YNode;

import java.nio.charset.StandardCharsets;

/**
 * Turns a test's input record into the bytes a producer would send: a mapping as a JSON object,
 * a string as raw text (so a test can send malformed records), null as a tombstone. Numbers and
 * booleans are text for {@code string} topics only.
 */
final class InputEncoder {

    private InputEncoder() {
    }

    /** Rejects a value the topic's format cannot carry, at the value's position. */
    static void check(InputRecord in, Format format) {
        YNode v = in.value();
        if (format.usesRegistry()) {
            if (v instanceof YNode.YMap || v instanceof YNode.YScalar) {
                return; // a mapping is written with the topic's schema; text goes as it is, to test bad records
            }
            throw SpecException.at(v.pos(), "value for " + format.name().toLowerCase().replace('_', '-') + " topic '"
                    + in.topic() + "' must be a mapping or a string, found " + v.describe());
        }
        if (v instanceof YNode.YMap || v instanceof YNode.YScalar s
                && (s.type() == YNode.YScalar.Type.STRING || s.type() == YNode.YScalar.Type.NULL)) {
            return;
        }
        if (format == Format.STRING && v instanceof YNode.YScalar) {
            return;
        }
        if (format == Format.JSON) {
            throw SpecException.at(v.pos(), "value for json topic '" + in.topic() + "' must be a mapping (sent as a JSON "
                    + "object) or a string (sent as raw text), found " + v.describe(),
                    v instanceof YNode.YScalar s ? "to send the bare JSON " + s.text() + ", quote it: value: \""
                            + s.text() + "\"" : "write the record's fields as a mapping: value: { field: ... }");
        }
        throw SpecException.at(v.pos(), "value for string topic '" + in.topic() + "' must be text, found " + v.describe(),
                "write the text as a string: value: \"...\"");
    }

    static TopicRecord encode(InputRecord in, long timestamp) {
        return new TopicRecord(in.topic(), in.key().orElse(null), bytes(in.value()), in.headers(), timestamp);
    }

    /** As {@link #encode(InputRecord, long)}, writing mappings for registry-format topics with their schema. */
    static TopicRecord encode(InputRecord in, long timestamp, Format format, WireCodec wire) {
        byte[] wired = wire.encode(in, format);
        return wired == null ? encode(in, timestamp)
                : new TopicRecord(in.topic(), in.key().orElse(null), wired, in.headers(), timestamp);
    }

    private static byte[] bytes(YNode v) {
        if (v instanceof YNode.YScalar s) {
            return s.isNull() ? null : s.text().getBytes(StandardCharsets.UTF_8);
        }
        return Json.write(PlainValue.of(v));
    }
}
