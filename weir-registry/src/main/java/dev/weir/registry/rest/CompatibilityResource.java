package dev.weir.registry.rest;

import dev.weir.registry.core.Candidate;
import dev.weir.registry.core.Compatibility;
import dev.weir.registry.core.Proposal;
import dev.weir.registry.core.RegistryException;
import dev.weir.registry.core.RegistryState;
import dev.weir.registry.core.References;
import dev.weir.registry.core.StoredSchema;
import dev.weir.registry.core.VersionEntry;
import dev.weir.registry.core.VersionId;
import dev.weir.registry.store.Registry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Would a schema be accepted? Checked at the subject's compatibility level, without registering it. */
@Path("/compatibility/subjects/{subject}/versions")
@Produces({MediaTypes.V1_JSON_WEIGHTED, MediaTypes.DEFAULT_JSON_WEIGHTED, MediaTypes.JSON_WEIGHTED})
@Consumes({MediaTypes.V1_JSON, MediaTypes.DEFAULT_JSON, MediaTypes.JSON, MediaTypes.GENERIC_REQUEST})
public final class CompatibilityResource {

    private final Registry registry;

    CompatibilityResource(Registry registry) {
        this.registry = registry;
    }

    /** Against one version ({@code latest} passes when the subject has none). */
    @POST
    @Path("/{version}")
    public ApiJson.CompatibilityCheck againstVersion(@PathParam("subject") String subject,
                                                     @PathParam("version") String version,
                                                     @QueryParam("verbose") boolean verbose, String body) {
        int v = VersionId.parse(version);
        Proposal.Register request = RequestBodies.schema(subject, body);
        return registry.read(state -> {
            Optional<VersionEntry> against = state.version(subject, v, false);
            if (against.isEmpty() && v != VersionId.LATEST) {
                throw RegistryException.versionNotFound(v);
            }
            return check(state, request, against.map(List::of).orElse(List.of()), verbose);
        });
    }

    /** Against the versions the subject's level names: the latest, or all of them when transitive. */
    @POST
    public ApiJson.CompatibilityCheck againstSubject(@PathParam("subject") String subject,
                                                     @QueryParam("verbose") boolean verbose, String body) {
        Proposal.Register request = RequestBodies.schema(subject, body);
        return registry.read(state -> check(state, request, state.liveVersions(subject), verbose));
    }

    private ApiJson.CompatibilityCheck check(RegistryState state, Proposal.Register request, List<VersionEntry> versions,
                                             boolean verbose) {
        Candidate candidate = Candidate.of(state, registry.formats(), request.type(), request.schema(), request.references());
        List<Compatibility.Previous> previous = new ArrayList<>();
        for (VersionEntry v : versions) {
            StoredSchema old = state.schema(v.id()).orElseThrow();
            previous.add(new Compatibility.Previous(v.version(), old.type(), References.text(state, old)));
        }
        List<String> problems = Compatibility.problems(state.effectiveConfig(request.subject()), candidate.format(),
                candidate.text(), previous);
        return new ApiJson.CompatibilityCheck(problems.isEmpty(), verbose ? problems : null);
    }
}
