package dev.weir.server.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** {@code /api/connectors}: connector status. Kafka Connect is not embedded yet, so the list is empty. */
@Path("/api/connectors")
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectorsResource {

    @GET
    public List<Map<String, Object>> connectors() {
        return List.of();
    }
}
