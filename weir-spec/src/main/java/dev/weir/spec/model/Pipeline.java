package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.step.Step;
import dev.weir.spec.step.StepTypes;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.List;
import java.util.Optional;

/** kind: Pipeline — a source, steps, a sink, and where bad records go. Runs as one Kafka Streams application. */
public record Pipeline(Metadata metadata, Source source, List<Step> steps, Optional<Sink> sink, ErrorPolicy errors,
                       Guarantee guarantee, Position pos) {

    public static final ResourceDoc DOC = new ResourceDoc("Pipeline", "Pipeline",
            "A source, steps, an optional sink, and a dead-letter topic. Each pipeline runs as one Kafka Streams "
                    + "application with application.id weir-<project>-<pipeline>.",
            "pipelines/*.yaml",
            ValueType.object(
                    FieldDoc.required("source", Source.DOC, "Where the pipeline reads."),
                    FieldDoc.optional("steps", ValueType.listOf(ValueType.ref("step", "step", StepTypes::itemType)),
                            "What happens to each record, in order; see the step reference."),
                    FieldDoc.optional("sink", Sink.DOC, "Where what is left after the steps is written; without it, "
                            + "only the steps' own outputs (route, aggregate's to) are written."),
                    FieldDoc.optional("errors", ValueType.object(
                            FieldDoc.optional("deadLetterTopic", ValueType.string(), "<pipeline>-dlq",
                                    "Where records that cannot be processed go, with the reason in headers.")),
                            "Where bad records go."),
                    FieldDoc.optional("processing", ValueType.object(
                            FieldDoc.optional("guarantee", ValueType.enumOf(Guarantee.class), "exactly-once",
                                    "Kafka Streams' processing guarantee: exactly-once (exactly_once_v2) or at-least-once.")),
                            "How records are processed.")),
            true,
            """
            apiVersion: weir.dev/v1
            kind: Pipeline
            metadata: { name: score-transactions, owner: risk-team }
            spec:
              source: { topic: transactions, format: json, key: customer_id, timestamp: ts }
              steps:
                - filter: "amount > 0"
              sink: { topic: transactions-clean, format: json }
              errors: { deadLetterTopic: transactions-dlq }
              processing: { guarantee: exactly-once }
            """);

    public String name() {
        return metadata.name();
    }

    public static Pipeline parse(Metadata metadata, YNode spec) {
        Fields f = Fields.of(spec, "pipeline spec");
        Source source = Source.parse(f.required("source"));
        List<Step> steps = f.optional("steps").map(StepTypes::parseAll).orElse(List.of());
        Optional<Sink> sink = f.optional("sink").map(Sink::parse);
        ErrorPolicy errors = f.optional("errors").map(n -> {
            Fields ef = Fields.of(n, "errors");
            Optional<String> topic = ef.optionalString("deadLetterTopic");
            ef.finish();
            return new ErrorPolicy(topic.orElse(ErrorPolicy.defaultTopic(metadata.name())), topic.isPresent(), n.pos());
        }).orElse(new ErrorPolicy(ErrorPolicy.defaultTopic(metadata.name()), false, spec.pos()));
        Guarantee guarantee = f.optional("processing").map(n -> {
            Fields pf = Fields.of(n, "processing");
            Guarantee g = pf.optionalEnum("guarantee", Guarantee.class).orElse(Guarantee.EXACTLY_ONCE);
            pf.finish();
            return g;
        }).orElse(Guarantee.EXACTLY_ONCE);
        f.finish();
        return new Pipeline(metadata, source, steps, sink, errors, guarantee, spec.pos());
    }
}
