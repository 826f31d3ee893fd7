package dev.weir.registry.rest;

import dev.weir.registry.core.RegistryException;
import dev.weir.registry.core.RegistryState;
import dev.weir.registry.core.StoredSchema;
import dev.weir.registry.core.VersionEntry;
import dev.weir.registry.store.Registry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/**
 * Schemas by id, as serializers and deserializers fetch them. An id is served while some version,
 * soft-deleted ones included, still has its schema.
 */
@Path("/schemas")
@Produces({MediaTypes.V1_JSON_WEIGHTED, MediaTypes.DEFAULT_JSON_WEIGHTED, MediaTypes.JSON_WEIGHTED})
public final class SchemasResource {

    private final Registry registry;

    SchemasResource(Registry registry) {
        this.registry = registry;
    }

    @GET
    @Path("/ids/{id}")
    public ApiJson.SchemaString byId(@PathParam("id") int id, @QueryParam("subject") String subject) {
        return registry.read(state -> ApiJson.SchemaString.of(find(state, id)));
    }

    @GET
    @Path("/ids/{id}/schema")
    public String schemaText(@PathParam("id") int id, @QueryParam("subject") String subject) {
        return registry.read(state -> find(state, id).schema());
    }

    @GET
    @Path("/ids/{id}/subjects")
    public List<String> subjects(@PathParam("id") int id, @QueryParam("deleted") boolean deleted) {
        return versions(id, deleted).stream().map(ApiJson.SubjectVersion::subject).distinct().sorted().toList();
    }

    @GET
    @Path("/ids/{id}/versions")
    public List<ApiJson.SubjectVersion> versions(@PathParam("id") int id, @QueryParam("deleted") boolean deleted) {
        return registry.read(state -> {
            find(state, id);
            return state.versionsWithId(id).stream().filter(v -> deleted || !v.deleted())
                    .map(v -> new ApiJson.SubjectVersion(v.subject(), v.version())).toList();
        });
    }

    @GET
    @Path("/types")
    public List<String> types() {
        return registry.formats().types();
    }

    private static StoredSchema find(RegistryState state, int id) {
        List<VersionEntry> versions = state.versionsWithId(id);
        return state.schema(id).filter(s -> !versions.isEmpty()).orElseThrow(() -> RegistryException.schemaNotFound(id));
    }
}
