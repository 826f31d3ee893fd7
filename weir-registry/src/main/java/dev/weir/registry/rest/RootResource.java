package dev.weir.registry.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import java.util.Map;

/** {@code GET /} answers {@code {}}, which clients and load balancers use to see the registry is up. */
@Path("/")
@Produces({MediaTypes.V1_JSON_WEIGHTED, MediaTypes.DEFAULT_JSON_WEIGHTED, MediaTypes.JSON_WEIGHTED})
public final class RootResource {

    @GET
    public Map<String, String> root() {
        return Map.of();
    }
}
