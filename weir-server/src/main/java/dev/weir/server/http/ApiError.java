package dev.weir.server.http;

/** A request the API cannot answer, with the HTTP status and a message meant for the user. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    /** Something the API depends on (the cluster, the schema registry) did not answer. */
    static ApiError unavailable(String message) {
        return new ApiError(502, message);
    }

    int status() {
        return status;
    }
}
