package dev.weir.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.registry.core.Mode;
import dev.weir.registry.core.Proposal;
import dev.weir.registry.core.RegistryException;
import dev.weir.registry.store.Registry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import java.util.Optional;

/** Modes (READWRITE, READONLY, IMPORT), of the registry and of each subject. */
@Path("/mode")
@Produces({MediaTypes.V1_JSON_WEIGHTED, MediaTypes.DEFAULT_JSON_WEIGHTED, MediaTypes.JSON_WEIGHTED})
@Consumes({MediaTypes.V1_JSON, MediaTypes.DEFAULT_JSON, MediaTypes.JSON, MediaTypes.GENERIC_REQUEST})
public final class ModeResource {

    private final Registry registry;

    ModeResource(Registry registry) {
        this.registry = registry;
    }

    @GET
    public ApiJson.ModeBody global() {
        return new ApiJson.ModeBody(registry.read(state -> state.effectiveMode(Optional.empty())).name());
    }

    /** Changing to IMPORT needs a registry without live subjects, unless {@code force}. */
    @PUT
    public ApiJson.ModeBody setGlobal(@QueryParam("force") boolean force, String body) {
        return set(Optional.empty(), force, body);
    }

    /** The subject's own mode; 40409 when it has none, unless {@code defaultToGlobal}. */
    @GET
    @Path("/{subject}")
    public ApiJson.ModeBody subject(@PathParam("subject") String subject, @QueryParam("defaultToGlobal") boolean defaultToGlobal) {
        Optional<String> scope = Optional.of(subject);
        Mode mode = registry.read(state -> defaultToGlobal ? Optional.of(state.effectiveMode(scope)) : state.mode(scope))
                .orElseThrow(() -> RegistryException.modeNotConfigured(subject));
        return new ApiJson.ModeBody(mode.name());
    }

    @PUT
    @Path("/{subject}")
    public ApiJson.ModeBody setSubject(@PathParam("subject") String subject, @QueryParam("force") boolean force, String body) {
        return set(Optional.of(subject), force, body);
    }

    @DELETE
    @Path("/{subject}")
    public ApiJson.ModeBody deleteSubject(@PathParam("subject") String subject) {
        return new ApiJson.ModeBody(registry.propose(new Proposal.DeleteMode(Optional.of(subject))).name());
    }

    private ApiJson.ModeBody set(Optional<String> subject, boolean force, String body) {
        JsonNode node = RequestBodies.object(body);
        String given = RequestBodies.text(node, "mode").orElse(null);
        Mode mode = Mode.parse(given).orElseThrow(() -> RegistryException.invalidMode(given));
        return new ApiJson.ModeBody(registry.propose(new Proposal.SetMode(subject, mode, force)).name());
    }
}
