package dev.weir.spec.generator;

import dev.weir.spec.Position;
import dev.weir.spec.model.Metadata;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.Optional;

/** kind: Generator — produces realistic test records into a topic. */
public record Generator(Metadata metadata, String topic, double rate, Optional<Long> count, Position pos) {

    public String name() {
        return metadata.name();
    }

    public static Generator parse(Metadata metadata, YNode spec) {
        Fields f = Fields.of(spec, "generator spec");
        String topic = f.requiredString("topic");
        double rate = f.optionalNumber("rate").orElse(10.0);
        Optional<Long> count = f.optionalInt("count").map(Integer::longValue);
        f.finish();
        return new Generator(metadata, topic, rate, count, spec.pos());
    }
}
