package dev.weir.server.http;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.server.ProjectRuntime;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code /api/project}: which project this process runs, on which cluster, since when. */
@Path("/api/project")
@Produces(MediaType.APPLICATION_JSON)
public final class ProjectResource {

    private final ProjectRuntime runtime;
    private final Optional<ApiSources.Registry> registry;
    private final Instant started;

    ProjectResource(ProjectRuntime runtime, Optional<ApiSources.Registry> registry, Instant started) {
        this.runtime = runtime;
        this.registry = registry;
        this.started = started;
    }

    record ProjectView(String name, String directory, String bootstrapServers, String registry, List<String> pipelines,
                       List<String> generators, String startedAt) {
    }

    @GET
    public ProjectView project() {
        return new ProjectView(runtime.project().name(), runtime.project().dir().toString(), runtime.bootstrapServers(),
                registry.map(ApiSources.Registry::url).orElse(null),
                runtime.pipelines().stream().map(CompiledPipeline::name).toList(),
                runtime.generators().runners().isEmpty() ? List.of()
                        : runtime.project().generators().stream().map(g -> g.name()).toList(),
                started.toString());
    }
}
