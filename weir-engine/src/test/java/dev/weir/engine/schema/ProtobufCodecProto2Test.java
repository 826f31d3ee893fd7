package dev.weir.engine.schema;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** proto2 rules (required, explicit presence, packed), enum aliases, and enum numbers a reader does not know. */
class ProtobufCodecProto2Test {

    private static final String EVENT = """
            syntax = "proto2";
            package legacy;
            message Event {
              required string id = 1;
              optional int32 level = 2 [default = 3];
              repeated int32 codes = 3 [packed = true];
              enum Kind {
                option allow_alias = true;
                A = 1;
                ALSO_A = 1;
                B = 2;
              }
              optional Kind kind = 4;
            }
            """;

    private static final String TICKET = """
            syntax = "proto3";
            message Ticket {
              Level level = 1;
            }
            enum Level {
              LOW = 0;
              HIGH = 1;
            }
            """;

    private final InMemorySchemas registry = new InMemorySchemas();
    private final ProtobufCodec codec = new ProtobufCodec(registry);

    @Test
    void proto2FieldsTrackPresenceAndRepeatedOnesCanBePacked() throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "e-1");
        event.put("level", null);
        event.put("codes", List.of(1L, 2L));
        event.put("kind", "ALSO_A");
        byte[] bytes = codec.encode(event, "events-value", EVENT, "Event");
        // id, then codes packed in one length-delimited field 3 (tag 0x1A), then kind 1
        assertThat(bytes).containsExactly(0, 0, 0, 0, 1, 0, 0x0A, 3, 'e', '-', '1', 0x1A, 2, 1, 2, 0x20, 1);
        event.put("kind", "A");
        assertThat(codec.decode(bytes)).isEqualTo(event);
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertThatThrownBy(() -> codec.encode(Map.of("level", 1L), "s", EVENT, "Event"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("field 'id' is required by the schema but missing");
        int id = registry.register("s", "PROTOBUF", EVENT);
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(id, new byte[]{0, 0x10, 1})))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("cannot decode Protobuf legacy.Event with schema " + id + ": ");
    }

    @Test
    void anEnumNumberAProto3ReaderDoesNotKnowReadsAsTheNumber() throws Exception {
        int id = registry.register("s", "PROTOBUF", TICKET);
        Map<String, Object> decoded = codec.decode(WireFormat.frame(id, new byte[]{0, 0x08, 5}));
        assertThat(decoded).isEqualTo(Map.of("level", 5L));
        assertThat(codec.encode(decoded, "s", TICKET, "Ticket")).containsExactly(0, 0, 0, 0, id, 0, 0x08, 5);
        assertThatThrownBy(() -> codec.encode(Map.of("level", "MEDIUM"), "s", TICKET, "Ticket"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("field 'level' must be one of [LOW, HIGH], was the string \"MEDIUM\"");
    }
}
