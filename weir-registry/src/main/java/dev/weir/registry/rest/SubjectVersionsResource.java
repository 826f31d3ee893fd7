package dev.weir.registry.rest;

import dev.weir.registry.core.Proposal;
import dev.weir.registry.core.RegistryException;
import dev.weir.registry.core.RegistryState;
import dev.weir.registry.core.VersionEntry;
import dev.weir.registry.core.VersionId;
import dev.weir.registry.store.Registry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/** The versions of a subject: register, list, read, delete. */
@Path("/subjects/{subject}/versions")
@Produces({MediaTypes.V1_JSON_WEIGHTED, MediaTypes.DEFAULT_JSON_WEIGHTED, MediaTypes.JSON_WEIGHTED})
@Consumes({MediaTypes.V1_JSON, MediaTypes.DEFAULT_JSON, MediaTypes.JSON, MediaTypes.GENERIC_REQUEST})
public final class SubjectVersionsResource {

    private final Registry registry;

    SubjectVersionsResource(Registry registry) {
        this.registry = registry;
    }

    @GET
    public List<Integer> list(@PathParam("subject") String subject, @QueryParam("deleted") boolean deleted,
                              @QueryParam("deletedOnly") boolean deletedOnly) {
        return registry.read(state -> {
            if (!state.hasSubject(subject, deleted || deletedOnly)) {
                throw RegistryException.subjectNotFound(subject);
            }
            return state.versions(subject).values().stream()
                    .filter(v -> deletedOnly ? v.deleted() : deleted || !v.deleted())
                    .map(VersionEntry::version).toList();
        });
    }

    /** Registers a schema under the subject and answers {@code {"id": N}}. */
    @POST
    public ApiJson.RegisteredId register(@PathParam("subject") String subject, String body) {
        return new ApiJson.RegisteredId(registry.register(RequestBodies.schema(subject, body)));
    }

    @GET
    @Path("/{version}")
    public ApiJson.SubjectSchema get(@PathParam("subject") String subject, @PathParam("version") String version,
                                     @QueryParam("deleted") boolean deleted) {
        int v = VersionId.parse(version);
        return registry.read(state -> ApiJson.SubjectSchema.of(state, find(state, subject, v, deleted)));
    }

    /** Only the schema text, unescaped. */
    @GET
    @Path("/{version}/schema")
    public String schema(@PathParam("subject") String subject, @PathParam("version") String version,
                         @QueryParam("deleted") boolean deleted) {
        return get(subject, version, deleted).schema();
    }

    /** Ids of the live schemas that reference this version. */
    @GET
    @Path("/{version}/referencedby")
    public List<Integer> referencedBy(@PathParam("subject") String subject, @PathParam("version") String version) {
        int v = VersionId.parse(version);
        return registry.read(state -> state.referencedBy(subject, find(state, subject, v, true).version()));
    }

    /** Soft-deletes a version, or permanently deletes a soft-deleted one; answers its number. */
    @DELETE
    @Path("/{version}")
    public int delete(@PathParam("subject") String subject, @PathParam("version") String version,
                      @QueryParam("permanent") boolean permanent) {
        return registry.propose(new Proposal.DeleteVersion(subject, VersionId.parse(version), permanent));
    }

    static VersionEntry find(RegistryState state, String subject, int version, boolean deleted) {
        return state.version(subject, version, deleted).orElseThrow(() -> state.hasSubject(subject, deleted)
                ? RegistryException.versionNotFound(version) : RegistryException.subjectNotFound(subject));
    }
}
