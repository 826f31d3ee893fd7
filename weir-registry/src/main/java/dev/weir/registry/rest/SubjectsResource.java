package dev.weir.registry.rest;

import dev.weir.registry.core.Candidate;
import dev.weir.registry.core.Proposal;
import dev.weir.registry.core.RegistryException;
import dev.weir.registry.core.StoredSchema;
import dev.weir.registry.core.VersionEntry;
import dev.weir.registry.store.Registry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import java.util.List;
import java.util.Optional;

/** Subjects: list them, find a schema in one, delete one. */
@Path("/subjects")
@Produces({MediaTypes.V1_JSON_WEIGHTED, MediaTypes.DEFAULT_JSON_WEIGHTED, MediaTypes.JSON_WEIGHTED})
@Consumes({MediaTypes.V1_JSON, MediaTypes.DEFAULT_JSON, MediaTypes.JSON, MediaTypes.GENERIC_REQUEST})
public final class SubjectsResource {

    private final Registry registry;

    SubjectsResource(Registry registry) {
        this.registry = registry;
    }

    @GET
    public List<String> list(@QueryParam("deleted") boolean deleted, @QueryParam("deletedOnly") boolean deletedOnly,
                             @QueryParam("subjectPrefix") @DefaultValue("") String prefix) {
        return registry.read(state -> {
            List<String> subjects = deletedOnly
                    ? state.subjects(true).stream().filter(s -> !state.hasSubject(s, false)).toList()
                    : state.subjects(deleted);
            return subjects.stream().filter(s -> s.startsWith(prefix)).toList();
        });
    }

    /** Which version of the subject a schema is; 40401 when the subject has none, 40403 when it is not among them. */
    @POST
    @Path("/{subject}")
    public ApiJson.SubjectSchema lookup(@PathParam("subject") String subject, @QueryParam("deleted") boolean deleted,
                                        String body) {
        Proposal.Register request = RequestBodies.schema(subject, body);
        return registry.read(state -> {
            if (!state.hasSubject(subject, deleted)) {
                throw RegistryException.subjectNotFound(subject);
            }
            StoredSchema wanted = Candidate.of(state, registry.formats(), request.type(), request.schema(),
                    request.references()).stored();
            Optional<VersionEntry> match = state.versions(subject).descendingMap().values().stream()
                    .filter(v -> deleted || !v.deleted())
                    .filter(v -> state.schema(v.id()).map(wanted::equals).orElse(false))
                    .findFirst();
            return ApiJson.SubjectSchema.of(state, match.orElseThrow(RegistryException::schemaNotFound));
        });
    }

    /** Deletes every version (soft, or permanent after a soft delete) and answers their numbers. */
    @DELETE
    @Path("/{subject}")
    public List<Integer> delete(@PathParam("subject") String subject, @QueryParam("permanent") boolean permanent) {
        return registry.propose(new Proposal.DeleteSubject(subject, permanent));
    }
}
