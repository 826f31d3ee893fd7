package dev.weir.spec.model;

import dev.weir.spec.alert.AlertRule;
import dev.weir.spec.generator.Generator;
import dev.weir.spec.test.PipelineTest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A loaded Weir project: every resource, typed, each knowing where it was written. */
public record Project(ProjectSettings settings, Path dir, List<Topic> topics, List<Pipeline> pipelines,
                      List<Generator> generators, List<PipelineTest> tests, List<AlertRule> alerts) {

    public String name() {
        return settings.name();
    }

    public Optional<Topic> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<Pipeline> pipeline(String name) {
        return pipelines.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The alert rules that judge {@code pipeline}: those naming it, and those naming none. */
    public List<AlertRule> alertsFor(String pipeline) {
        return alerts.stream().filter(a -> a.pipeline().map(r -> r.name().equals(pipeline)).orElse(true)).toList();
    }
}
