package dev.weir.spec.alert;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an alert rule's events go: always a compacted topic keyed by rule and pipeline, so the
 * topic holds where each alert stands; also an HTTP endpoint when {@code webhook} is given.
 */
public record AlertNotify(String topic, Optional<URI> webhook, Position pos) {

    /** The topic events go to unless a rule names another. */
    public static final String DEFAULT_TOPIC = "_weir_alerts";

    public static final ValueType.ObjectOf DOC = ValueType.object(
            FieldDoc.optional("topic", ValueType.string(), DEFAULT_TOPIC,
                    "The topic events are written to, keyed rule/pipeline; created compacted if it does not exist."),
            FieldDoc.optional("webhook", ValueType.string(),
                    "An http:// or https:// URL each event is also POSTed to as JSON. Give it as "
                            + "${env:NAME:-}, so the URL (often a secret) stays out of the repository; "
                            + "an empty value means no webhook."));

    /** Kafka's rule for topic names. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Events to the default topic, no webhook. */
    public static AlertNotify defaults(Position pos) {
        return new AlertNotify(DEFAULT_TOPIC, Optional.empty(), pos);
    }

    public static AlertNotify parse(YNode node) {
        Fields f = Fields.of(node, "notify");
        String topic = f.optionalString("topic").orElse(DEFAULT_TOPIC);
        Optional<YNode> webhookNode = f.optional("webhook");
        f.finish();
        if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw SpecException.at(f.required("topic").pos(), "invalid topic name '" + topic + "'",
                    "Kafka topic names use letters, digits, '.', '_' and '-', at most 249 of them");
        }
        Optional<URI> webhook = Optional.empty();
        if (webhookNode.isPresent()) {
            String text = Fields.string(webhookNode.get(), "webhook").strip();
            if (!text.isEmpty()) {
                webhook = Optional.of(url(text, webhookNode.get().pos()));
            }
        }
        return new AlertNotify(topic, webhook, node.pos());
    }

    private static URI url(String text, Position pos) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            // The text may hold a token; say what is wrong without printing it.
            throw SpecException.at(pos, "'webhook' must be an http:// or https:// URL with a host",
                    "e.g. webhook: https://hooks.example.com/weir, or ${env:ALERT_WEBHOOK_URL:-} to take it from "
                            + "the environment");
        }
        return uri;
    }
}
