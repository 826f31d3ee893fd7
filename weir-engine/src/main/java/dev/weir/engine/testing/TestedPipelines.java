package dev.weir.engine.testing;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.spec.Names;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;
import dev.weir.spec.step.EnrichStep;
import dev.weir.spec.step.JoinStep;
import dev.weir.spec.step.Step;
import dev.weir.spec.test.PipelineTest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipelines one test runs (by name), the topics they read (with the format records there are
 * decoded in; JSON when pipelines disagree, as it is the stricter) and the topics they write.
 */
record TestedPipelines(List<String> pipelines, Map<String, Format> reads, Set<String> writes) {

    static TestedPipelines of(PipelineTest test, Project project, List<CompiledPipeline> compiled) {
        List<CompiledPipeline> chosen = new ArrayList<>();
        if (test.pipelines().isEmpty()) {
            chosen.addAll(compiled);
        }
        for (PipelineTest.PipelineRef ref : test.pipelines()) {
            CompiledPipeline p = compiled.stream().filter(c -> c.name().equals(ref.name())).findFirst()
                    .orElseThrow(() -> SpecException.at(ref.pos(), "test '" + test.name() + "' names pipeline '"
                            + ref.name() + "', which the project does not have",
                            Names.hint(ref.name(), compiled.stream().map(CompiledPipeline::name).toList())));
            if (!chosen.contains(p)) {
                chosen.add(p);
            }
        }
        if (chosen.isEmpty()) {
            throw SpecException.at(test.pos(), "test '" + test.name() + "' has no pipeline to run: the project has none",
                    "add a pipeline under pipelines/");
        }
        Map<String, Format> reads = new LinkedHashMap<>();
        Set<String> writes = new LinkedHashSet<>();
        for (CompiledPipeline p : chosen) {
            readFormats(p.pipeline(), project).forEach((topic, format) -> reads.merge(topic, format,
                    (a, b) -> a == Format.JSON || b == Format.JSON ? Format.JSON : a));
            writes.addAll(p.outputTopics().stream().sorted().toList());
        }
        return new TestedPipelines(chosen.stream().map(CompiledPipeline::name).toList(), Collections.unmodifiableMap(reads),
                Collections.unmodifiableSet(writes));
    }

    /** Topics a pipeline reads: its source, enrich tables (in the table topic's format) and join topics. */
    private static Map<String, Format> readFormats(Pipeline pipeline, Project project) {
        Map<String, Format> out = new LinkedHashMap<>();
        pipeline.source().topics().forEach(t -> out.put(t, pipeline.source().format()));
        for (Step step : pipeline.steps()) {
            if (step instanceof EnrichStep e) {
                out.putIfAbsent(e.table(), project.topic(e.table()).map(Topic::format).orElse(Format.JSON));
            } else if (step instanceof JoinStep j) {
                out.putIfAbsent(j.topic(), j.format());
            }
        }
        return out;
    }

    boolean readsOrWrites(String topic) {
        return reads.containsKey(topic) || writes.contains(topic);
    }
}
