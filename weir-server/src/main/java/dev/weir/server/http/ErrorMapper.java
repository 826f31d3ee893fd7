package dev.weir.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Every failure as {@code {"error": "message"}} with its status: the API's own errors as they
 * are, HTTP errors (unknown path, wrong method, unreadable body) with their status, anything
 * unexpected as a 500 whose message names the exception, never a stack trace.
 */
final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof ApiError a) {
            return error(a.status(), a.getMessage());
        }
        if (e instanceof JsonProcessingException j) {
            return error(400, "bad request body: " + firstLine(j.getOriginalMessage()));
        }
        if (e instanceof WebApplicationException we) {
            int status = we.getResponse().getStatus();
            String message = switch (status) {
                case 404 -> "no such path: /" + path();
                case 405 -> "method not allowed on /" + path();
                case 415 -> "unsupported content type: send application/json";
                default -> we.getMessage();
            };
            if (status == 400 && we.getCause() != null) {
                message = "bad request body: " + firstLine(we.getCause().getMessage());
            }
            return error(status, message);
        }
        LOG.error("Unexpected error while serving an API request", e);
        return error(500, "internal error: " + e);
    }

    private String path() {
        try {
            return uri == null ? "" : uri.getPath();
        } catch (RuntimeException outsideARequest) {
            return "";
        }
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
