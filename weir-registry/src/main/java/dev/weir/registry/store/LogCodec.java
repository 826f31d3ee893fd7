package dev.weir.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.registry.core.CompatibilityLevel;
import dev.weir.registry.core.Fact;
import dev.weir.registry.core.Mode;
import dev.weir.registry.core.Proposal;
import dev.weir.registry.core.SchemaReference;
import dev.weir.registry.core.StoredSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keys and values of the registry log, as compact JSON. A key names what a record is about, so
 * that a later record for the same thing supersedes an earlier one under compaction; its fields
 * are always written in the same order, because compaction compares key bytes.
 */
final class LogCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogCodec() {
    }

    /** A key and a value, null for a tombstone. */
    record KeyValue(String key, String value) {
    }

    static KeyValue encode(Fact fact) {
        if (fact instanceof Fact.SchemaId f) {
            ObjectNode v = JSON.createObjectNode().put("schemaType", f.schema().type()).put("schema", f.schema().schema());
            v.set("references", references(f.schema().references()));
            return new KeyValue(key("schema").put("id", f.id()).toString(), v.toString());
        } else if (fact instanceof Fact.VersionSet f) {
            return new KeyValue(versionKey(f.subject(), f.version()),
                    JSON.createObjectNode().put("id", f.id()).put("deleted", f.deleted()).toString());
        } else if (fact instanceof Fact.VersionRemoved f) {
            return new KeyValue(versionKey(f.subject(), f.version()), null);
        } else if (fact instanceof Fact.ConfigSet f) {
            return new KeyValue(scopedKey("config", f.subject()),
                    JSON.createObjectNode().put("compatibilityLevel", f.level().name()).toString());
        } else if (fact instanceof Fact.ConfigRemoved f) {
            return new KeyValue(scopedKey("config", f.subject()), null);
        } else if (fact instanceof Fact.ModeSet f) {
            return new KeyValue(scopedKey("mode", f.subject()), JSON.createObjectNode().put("mode", f.mode().name()).toString());
        } else if (fact instanceof Fact.ModeRemoved f) {
            return new KeyValue(scopedKey("mode", f.subject()), null);
        }
        throw new IllegalArgumentException("unknown fact " + fact);
    }

    static KeyValue encode(String proposalId, Proposal<?> proposal) {
        ObjectNode v = JSON.createObjectNode();
        if (proposal instanceof Proposal.Register p) {
            v.put("op", "register").put("subject", p.name()).put("schemaType", p.type()).put("schema", p.schema());
            v.set("references", references(p.references()));
            p.id().ifPresent(id -> v.put("id", id));
            p.version().ifPresent(version -> v.put("version", version));
        } else if (proposal instanceof Proposal.DeleteVersion p) {
            v.put("op", "deleteVersion").put("subject", p.name()).put("version", p.version()).put("permanent", p.permanent());
        } else if (proposal instanceof Proposal.DeleteSubject p) {
            v.put("op", "deleteSubject").put("subject", p.name()).put("permanent", p.permanent());
        } else if (proposal instanceof Proposal.SetConfig p) {
            scoped(v.put("op", "setConfig"), p.subject()).put("compatibilityLevel", p.level().name());
        } else if (proposal instanceof Proposal.DeleteConfig p) {
            scoped(v.put("op", "deleteConfig"), p.subject());
        } else if (proposal instanceof Proposal.SetMode p) {
            scoped(v.put("op", "setMode"), p.subject()).put("mode", p.mode().name()).put("force", p.force());
        } else if (proposal instanceof Proposal.DeleteMode p) {
            scoped(v.put("op", "deleteMode"), p.subject());
        } else {
            throw new IllegalArgumentException("unknown proposal " + proposal);
        }
        return new KeyValue(proposalKey(proposalId), v.toString());
    }

    static KeyValue settled(String proposalId) {
        return new KeyValue(proposalKey(proposalId), null);
    }

    /**
     * @return empty for a record of a kind this version does not know
     * @throws IllegalArgumentException for a record that cannot be read
     */
    static Optional<LogEntry> decode(String keyText, String valueText) {
        try {
            JsonNode key = JSON.readTree(keyText);
            JsonNode value = valueText == null ? null : JSON.readTree(valueText);
            String kind = key.path("kind").asText();
            Optional<String> subject = key.has("subject") ? Optional.of(key.get("subject").asText()) : Optional.empty();
            return Optional.ofNullable(switch (kind) {
                case "schema" -> value == null ? null : new LogEntry.FactEntry(new Fact.SchemaId(key.get("id").asInt(),
                        new StoredSchema(value.get("schemaType").asText(), value.get("schema").asText(),
                                references(value.path("references")))));
                case "version" -> new LogEntry.FactEntry(value == null
                        ? new Fact.VersionRemoved(subject.orElseThrow(), key.get("version").asInt())
                        : new Fact.VersionSet(subject.orElseThrow(), key.get("version").asInt(), value.get("id").asInt(),
                        value.path("deleted").asBoolean(false)));
                case "config" -> new LogEntry.FactEntry(value == null ? new Fact.ConfigRemoved(subject)
                        : new Fact.ConfigSet(subject, CompatibilityLevel.valueOf(value.get("compatibilityLevel").asText())));
                case "mode" -> new LogEntry.FactEntry(value == null ? new Fact.ModeRemoved(subject)
                        : new Fact.ModeSet(subject, Mode.valueOf(value.get("mode").asText())));
                case "proposal" -> value == null ? new LogEntry.ProposalSettled(key.get("id").asText())
                        : new LogEntry.ProposalEntry(key.get("id").asText(), proposal(value));
                default -> null;
            });
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable registry record " + keyText + ": " + e.getMessage(), e);
        }
    }

    private static Proposal<?> proposal(JsonNode v) {
        Optional<String> subject = v.has("subject") ? Optional.of(v.get("subject").asText()) : Optional.empty();
        return switch (v.get("op").asText()) {
            case "register" -> new Proposal.Register(subject.orElseThrow(), v.get("schemaType").asText(),
                    v.get("schema").asText(), references(v.path("references")),
                    v.has("id") ? Optional.of(v.get("id").asInt()) : Optional.empty(),
                    v.has("version") ? Optional.of(v.get("version").asInt()) : Optional.empty());
            case "deleteVersion" -> new Proposal.DeleteVersion(subject.orElseThrow(), v.get("version").asInt(),
                    v.get("permanent").asBoolean());
            case "deleteSubject" -> new Proposal.DeleteSubject(subject.orElseThrow(), v.get("permanent").asBoolean());
            case "setConfig" -> new Proposal.SetConfig(subject, CompatibilityLevel.valueOf(v.get("compatibilityLevel").asText()));
            case "deleteConfig" -> new Proposal.DeleteConfig(subject);
            case "setMode" -> new Proposal.SetMode(subject, Mode.valueOf(v.get("mode").asText()), v.path("force").asBoolean());
            case "deleteMode" -> new Proposal.DeleteMode(subject);
            default -> throw new IllegalArgumentException("unknown operation " + v.get("op"));
        };
    }

    private static ObjectNode key(String kind) {
        return JSON.createObjectNode().put("kind", kind);
    }

    private static String versionKey(String subject, int version) {
        return key("version").put("subject", subject).put("version", version).toString();
    }

    private static String scopedKey(String kind, Optional<String> subject) {
        return scoped(key(kind), subject).toString();
    }

    private static String proposalKey(String proposalId) {
        return key("proposal").put("id", proposalId).toString();
    }

    private static ObjectNode scoped(ObjectNode node, Optional<String> subject) {
        subject.ifPresent(s -> node.put("subject", s));
        return node;
    }

    private static ArrayNode references(List<SchemaReference> references) {
        ArrayNode array = JSON.createArrayNode();
        for (SchemaReference r : references) {
            array.add(JSON.createObjectNode().put("name", r.name()).put("subject", r.subject()).put("version", r.version()));
        }
        return array;
    }

    private static List<SchemaReference> references(JsonNode array) {
        List<SchemaReference> out = new ArrayList<>();
        for (JsonNode r : array) {
            out.add(new SchemaReference(r.get("name").asText(), r.get("subject").asText(), r.get("version").asInt()));
        }
        return out;
    }
}
