package dev.weir.cli;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.RegistrySettings;
import dev.weir.engine.schema.SchemaSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Loads and compiles a project for the commands that run it. Mistakes surface as {@code SpecException}s. */
final class ProjectFiles {

    private ProjectFiles() {
    }

    record Loaded(Project project, List<CompiledPipeline> pipelines) {
    }

    static Loaded load(Path dir, Set<String> onlyPipelines) {
        return load(dir, onlyPipelines, registryUrl -> Optional.empty());
    }

    /**
     * Loads and compiles; {@code registry} makes the schema registry client from the project's
     * registry settings (empty when it declares none).
     */
    static Loaded load(Path dir, Set<String> onlyPipelines,
                       java.util.function.Function<Optional<RegistrySettings>, Optional<SchemaSource>> registry) {
        Project project = ProjectLoader.load(dir);
        for (String name : onlyPipelines) {
            if (project.pipeline(name).isEmpty()) {
                throw new UserError(ExitCode.USAGE, "no pipeline named '" + name + "' in " + dir + "; it has: "
                        + String.join(", ", project.pipelines().stream().map(p -> p.name()).toList()));
            }
        }
        List<CompiledPipeline> compiled = new PipelineCompiler(registry.apply(project.settings().registry()))
                .compileAll(project).stream()
                .filter(p -> onlyPipelines.isEmpty() || onlyPipelines.contains(p.name()))
                .toList();
        return new Loaded(project, compiled);
    }
}
