package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

/** kind: Project — the {@code weir.yaml} at a project's root: its name and defaults. */
public record ProjectSettings(Metadata metadata, int defaultPartitions, short defaultReplicationFactor, Position pos) {

    public String name() {
        return metadata.name();
    }

    public static ProjectSettings parse(Metadata metadata, YNode spec) {
        if (spec == null) {
            return new ProjectSettings(metadata, 1, (short) 1, metadata.pos());
        }
        Fields f = Fields.of(spec, "project spec");
        int partitions = 1;
        int rf = 1;
        var defaults = f.optional("defaults");
        if (defaults.isPresent()) {
            Fields d = Fields.of(defaults.get(), "defaults");
            partitions = d.optionalInt("partitions").orElse(1);
            rf = d.optionalInt("replicationFactor").orElse(1);
            d.finish();
        }
        f.optional("environments");
        f.finish();
        return new ProjectSettings(metadata, partitions, (short) rf, spec.pos());
    }
}
