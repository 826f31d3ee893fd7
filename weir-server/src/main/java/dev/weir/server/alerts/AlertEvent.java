package dev.weir.server.alerts;

import dev.weir.engine.record.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert rule began firing on a pipeline, or stopped (resolved): the record written to the
 * alerts topic, keyed {@code rule/pipeline}, and the body POSTed to a rule's webhook. Its JSON is
 * flat, with a {@code text} line that Slack-style receivers show as it is, and {@code status}
 * words ({@code firing}, {@code resolved}) as Alertmanager uses them.
 *
 * @param since  when the condition began to hold (the same in an episode's firing and resolved events)
 * @param at     when this event happened: when the alert fired, or resolved
 * @param value  the value of the first number the condition names, e.g. deadLettersPerMinute
 * @param values every variable the condition names, with its value when the event happened
 */
public record AlertEvent(String rule, String pipeline, String project, Status status, String severity,
                         Optional<String> description, String condition, String message, Optional<Double> value,
                         Map<String, Object> values, Instant since, Instant at, Optional<String> owner) {

    /** Whether the alert began or stopped firing. */
    public enum Status {
        FIRING, RESOLVED;

        public String word() {
            return name().toLowerCase();
        }
    }

    public AlertEvent {
        Objects.requireNonNull(rule, "rule can't be null");
        Objects.requireNonNull(pipeline, "pipeline can't be null");
        Objects.requireNonNull(project, "project can't be null");
        Objects.requireNonNull(status, "status can't be null");
        Objects.requireNonNull(since, "since can't be null");
        Objects.requireNonNull(at, "at can't be null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The record key: one per rule and pipeline, so a compacted topic keeps where each stands. */
    public static String key(String rule, String pipeline) {
        return rule + "/" + pipeline;
    }

    public String key() {
        return key(rule, pipeline);
    }

    /** One line for people, e.g. {@code FIRING critical: dead-letters-high on score-payments (shop): ...}. */
    public String text() {
        return status.name() + " " + severity + ": " + rule + " on " + pipeline + " (" + project + "): " + message;
    }

    /** The event as JSON, fields in a fixed order; absent optional fields are left out. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        m.put("pipeline", pipeline);
        m.put("project", project);
        m.put("status", status.word());
        m.put("severity", severity);
        description.ifPresent(d -> m.put("description", d));
        m.put("condition", condition);
        m.put("message", message);
        m.put("text", text());
        value.ifPresent(v -> m.put("value", v));
        m.put("values", values);
        m.put("since", since.toString());
        m.put("at", at.toString());
        owner.ifPresent(o -> m.put("owner", o));
        return Json.writeString(m);
    }

    /** Reads an event written by {@link #toJson()}. */
    public static AlertEvent parse(byte[] json) throws IOException {
        Map<String, Object> m = Json.parseObject(json);
        try {
            Object value = m.get("value");
            @SuppressWarnings("unchecked")
            Map<String, Object> values = m.get("values") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
            return new AlertEvent(text(m, "rule"), text(m, "pipeline"), text(m, "project"),
                    Status.valueOf(text(m, "status").toUpperCase()), text(m, "severity"),
                    Optional.ofNullable((String) m.get("description")), text(m, "condition"), text(m, "message"),
                    value instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty(), values,
                    Instant.parse(text(m, "since")), Instant.parse(text(m, "at")),
                    Optional.ofNullable((String) m.get("owner")));
        } catch (ClassCastException | IllegalArgumentException | DateTimeParseException e) {
            throw new IOException("not an alert event: " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, Object> m, String field) throws IOException {
        if (m.get(field) instanceof String s) {
            return s;
        }
        throw new IOException("not an alert event: no text field '" + field + "'");
    }
}
