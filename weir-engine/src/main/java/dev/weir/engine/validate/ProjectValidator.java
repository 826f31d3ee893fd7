package dev.weir.engine.validate;

import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.engine.schema.InMemorySchemas;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.step.AggregateStep;
import dev.weir.spec.step.Step;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Static checks of a whole project, without a broker: what the loader checks, topic references
 * and loops, the record type through every pipeline with each expression type-checked against
 * it, and each pipeline compiled to its Kafka Streams topology, so that a project that
 * validates also starts; then the alert rules, their conditions type-checked against the health
 * variables.
 */
public final class ProjectValidator {

    private ProjectValidator() {
    }

    /** Loads and checks the project in {@code dir}; loader errors are findings like any other. */
    public static Validation validate(Path dir, Map<String, String> env) {
        Project project;
        try {
            project = ProjectLoader.load(dir, env);
        } catch (SpecException e) {
            return Validation.of(Optional.empty(), e.diagnostics());
        }
        return validate(project);
    }

    public static Validation validate(Project project) {
        Diagnostics out = new Diagnostics();
        Set<String> broken = ReferenceChecks.check(project, TopicGraph.of(project), out);
        ExpressionChecker checker = new ExpressionChecker();
        // Compiling never calls the registry; schemas only need one to exist when records flow.
        PipelineCompiler compiler = new PipelineCompiler(Optional.of(new InMemorySchemas()));
        for (Pipeline pipeline : project.pipelines()) {
            lateRecordWarnings(pipeline, out);
            Diagnostics own = new Diagnostics();
            new TypeFlow(project, checker, own).check(pipeline);
            if (!own.hasErrors() && !broken.contains(pipeline.name())) {
                own.collect(() -> compiler.compile(project, pipeline));
            }
            out.addAll(own.all());
        }
        AlertRuleChecks.check(project, out);
        return Validation.of(Optional.of(project), out.all());
    }

    /** A window without grace drops every record that arrives after its window's end. */
    private static void lateRecordWarnings(Pipeline pipeline, Diagnostics out) {
        for (Step step : pipeline.steps()) {
            if (step instanceof AggregateStep a && a.window().isPresent() && !a.window().get().graceSet()) {
                out.warning(a.pos(), "step '" + a.id() + "' has a window without grace: a record that arrives "
                        + "after its window's end is dropped", "allow for late records, e.g. window: { tumbling: 1m, "
                        + "grace: 10s }, or write grace: 0s to drop them");
            }
        }
    }
}
