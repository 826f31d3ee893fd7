package dev.weir.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.registry.core.CompatibilityLevel;
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

/** Compatibility levels, of the registry and of each subject. */
@Path("/config")
@Produces({MediaTypes.V1_JSON_WEIGHTED, MediaTypes.DEFAULT_JSON_WEIGHTED, MediaTypes.JSON_WEIGHTED})
@Consumes({MediaTypes.V1_JSON, MediaTypes.DEFAULT_JSON, MediaTypes.JSON, MediaTypes.GENERIC_REQUEST})
public final class ConfigResource {

    private final Registry registry;

    ConfigResource(Registry registry) {
        this.registry = registry;
    }

    @GET
    public ApiJson.Config global() {
        return new ApiJson.Config(registry.read(state -> state.effectiveConfig(Optional.empty())).name());
    }

    @PUT
    public ApiJson.ConfigUpdate setGlobal(String body) {
        return set(Optional.empty(), body);
    }

    /** Goes back to the default level and answers the one it had. */
    @DELETE
    public ApiJson.Config deleteGlobal() {
        return new ApiJson.Config(registry.propose(new Proposal.DeleteConfig(Optional.empty())).name());
    }

    /** The subject's own level; 40408 when it has none, unless {@code defaultToGlobal}. */
    @GET
    @Path("/{subject}")
    public ApiJson.Config subject(@PathParam("subject") String subject, @QueryParam("defaultToGlobal") boolean defaultToGlobal) {
        Optional<String> scope = Optional.of(subject);
        CompatibilityLevel level = registry.read(state -> defaultToGlobal ? Optional.of(state.effectiveConfig(scope))
                : state.config(scope)).orElseThrow(() -> RegistryException.compatibilityNotConfigured(subject));
        return new ApiJson.Config(level.name());
    }

    @PUT
    @Path("/{subject}")
    public ApiJson.ConfigUpdate setSubject(@PathParam("subject") String subject, String body) {
        return set(Optional.of(subject), body);
    }

    @DELETE
    @Path("/{subject}")
    public ApiJson.Config deleteSubject(@PathParam("subject") String subject) {
        return new ApiJson.Config(registry.propose(new Proposal.DeleteConfig(Optional.of(subject))).name());
    }

    private ApiJson.ConfigUpdate set(Optional<String> subject, String body) {
        JsonNode node = RequestBodies.object(body);
        String given = RequestBodies.text(node, "compatibility")
                .or(() -> RequestBodies.text(node, "compatibilityLevel")).orElse(null);
        CompatibilityLevel level = CompatibilityLevel.parse(given)
                .orElseThrow(() -> RegistryException.invalidCompatibilityLevel(given));
        return new ApiJson.ConfigUpdate(registry.propose(new Proposal.SetConfig(subject, level)).name());
    }
}
