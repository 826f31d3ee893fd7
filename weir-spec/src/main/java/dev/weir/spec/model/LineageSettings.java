package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a project's OpenLineage run events go: always the Kafka topic {@code topic} (unless
 * {@code enabled: false}), and also an OpenLineage HTTP endpoint (Marquez, or any receiver of
 * {@code POST /api/v1/lineage}) when {@code url} is given. The API key comes from the
 * environment: {@code apiKey: ${env:LINEAGE_API_KEY}}.
 * <pre>
 * lineage:
 *   openlineage:
 *     url: http://localhost:5000
 *     namespace: weir://shop
 * </pre>
 */
public record LineageSettings(boolean enabled, Optional<String> url, Optional<String> apiKey, String topic,
                              Optional<String> namespace, Duration timeout, Position pos) {

    /** The compacted topic every run event is written to, keyed by job. */
    public static final String DEFAULT_TOPIC = "_weir_lineage";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static final ValueType.ObjectOf DOC = ValueType.object(
            FieldDoc.optional("openlineage", ValueType.object(
                    FieldDoc.optional("enabled", ValueType.bool(), "true",
                            "Whether pipelines emit OpenLineage run events at all."),
                    FieldDoc.optional("url", ValueType.string(),
                            "Base URL of an OpenLineage HTTP receiver, e.g. Marquez at http://localhost:5000; "
                                    + "events are POSTed to the url followed by /api/v1/lineage."),
                    FieldDoc.optional("apiKey", ValueType.string(),
                            "Sent to the url as a bearer token (Authorization header); use ${env:NAME}."),
                    FieldDoc.optional("topic", ValueType.string(), DEFAULT_TOPIC,
                            "The compacted Kafka topic every event is written to, keyed by namespace/job; "
                                    + "Weir reads it back to tell whether a pipeline's definition changed."),
                    FieldDoc.optional("namespace", ValueType.string(), "weir://<project>",
                            "The OpenLineage namespace of the pipelines' jobs."),
                    FieldDoc.optional("timeout", ValueType.duration(), "10s",
                            "How long one HTTP request may take; a failed request is logged, never retried.")),
                    "OpenLineage run events: START when a pipeline starts, FAIL when it fails, COMPLETE when it "
                            + "stops cleanly."));

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Events to the default topic, no HTTP receiver, the default namespace. */
    public static LineageSettings defaults(Position pos) {
        return new LineageSettings(true, Optional.empty(), Optional.empty(), DEFAULT_TOPIC, Optional.empty(),
                DEFAULT_TIMEOUT, pos);
    }

    /** The OpenLineage namespace of the jobs: the configured one, else {@code weir://<project>}. */
    public String namespaceFor(String project) {
        return namespace.orElse("weir://" + project);
    }

    public static LineageSettings parse(YNode node) {
        Fields f = Fields.of(node, "lineage");
        Optional<YNode> openlineage = f.optional("openlineage");
        f.finish();
        if (openlineage.isEmpty()) {
            return defaults(node.pos());
        }
        Fields o = Fields.of(openlineage.get(), "openlineage");
        boolean enabled = o.optionalBool("enabled").orElse(true);
        Optional<String> url = o.optionalString("url").map(u -> u.replaceAll("/+$", ""));
        Optional<String> apiKey = o.optionalString("apiKey");
        String topic = o.optionalString("topic").orElse(DEFAULT_TOPIC);
        Optional<String> namespace = o.optionalString("namespace");
        Duration timeout = o.optionalDuration("timeout").orElse(DEFAULT_TIMEOUT);
        o.finish();
        if (url.isPresent() && !url.get().startsWith("http://") && !url.get().startsWith("https://")) {
            throw SpecException.at(o.required("url").pos(), "lineage url must start with http:// or https://",
                    "e.g. url: http://localhost:5000 (Marquez)");
        }
        if (!TOPIC_NAME.matcher(topic).matches()) {
            throw SpecException.at(o.required("topic").pos(), "invalid topic name '" + topic + "'",
                    "use letters, digits, '.', '_' and '-', at most 249 characters");
        }
        if (namespace.isPresent() && namespace.get().isBlank()) {
            throw SpecException.at(o.required("namespace").pos(), "namespace must not be empty",
                    "leave it out for weir://<project>");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw SpecException.at(o.required("timeout").pos(), "timeout must be positive", "e.g. timeout: 10s");
        }
        return new LineageSettings(enabled, url, apiKey, topic, namespace, timeout, openlineage.get().pos());
    }
}
