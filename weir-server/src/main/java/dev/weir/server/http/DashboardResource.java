package dev.weir.server.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The dashboard: a page, its stylesheet and scripts, bundled in the jar and served as they are.
 * Nothing is fetched from elsewhere; the page reads the JSON API.
 */
@Path("/")
public final class DashboardResource {

    private static final String ROOT = "dev/weir/server/dashboard/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("{file: [a-z0-9][a-z0-9.-]*\\.(html|css|js|svg|png|ico)}")
    public Response file(@PathParam("file") String file) {
        byte[] body;
        try (InputStream in = DashboardResource.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw ApiError.notFound("no such file: /" + file);
            }
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new ApiError(500, "cannot read /" + file + ": " + e.getMessage());
        }
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        // The assets change with the jar: browsers may keep them, but must ask again.
        return Response.ok(body, type).header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff").build();
    }
}
