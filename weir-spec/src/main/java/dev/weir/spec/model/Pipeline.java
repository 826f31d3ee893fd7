package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.step.Step;
import dev.weir.spec.step.StepTypes;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.List;
import java.util.Optional;

/** kind: Pipeline — a source, steps, a sink, and where bad records go. Runs as one Kafka Streams application. */
public record Pipeline(Metadata metadata, Source source, List<Step> steps, Optional<Sink> sink, ErrorPolicy errors,
                       Guarantee guarantee, Position pos) {

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
