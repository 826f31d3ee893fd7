package dev.weir.server.lineage;

import java.util.Objects;
import java.util.UUID;

/**
 * One OpenLineage run event, ready to send: {@code json} is the event, {@code key} its job as
 * {@code namespace/name} (the Kafka record key), {@code definitionHash} the pipeline definition
 * it ran.
 */
public record LineageEvent(String key, String eventType, UUID runId, String definitionHash, String json) {

    public LineageEvent {
        Objects.requireNonNull(key, "key can't be null");
        Objects.requireNonNull(eventType, "eventType can't be null");
        Objects.requireNonNull(runId, "runId can't be null");
        Objects.requireNonNull(definitionHash, "definitionHash can't be null");
        Objects.requireNonNull(json, "json can't be null");
    }
}
