package dev.weir.registry.rest;

import dev.weir.registry.core.RegistryException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the Confluent error body {@code {"error_code": N, "message": "..."}}:
 * registry errors with their code, HTTP errors (unknown path, wrong method) with their status as
 * code, and anything unexpected as a 500 with code 50001, never a stack trace.
 */
final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof RegistryException re) {
            return error(re.httpStatus(), re.errorCode(), re.getMessage());
        }
        if (e instanceof WebApplicationException we) {
            int status = we.getResponse().getStatus();
            return error(status, status, we.getMessage());
        }
        LOG.error("Unexpected error while serving a schema registry request", e);
        return error(500, RegistryException.STORE_ERROR, "Internal Server Error: " + e);
    }

    static Response error(int status, int code, String message) {
        return Response.status(status).type(MediaTypes.V1_JSON).entity(new ApiJson.ErrorMessage(code, message)).build();
    }
}
