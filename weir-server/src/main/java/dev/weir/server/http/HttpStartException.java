package dev.weir.server.http;

/**
 * The Weir HTTP server could not start; {@link #portInUse()} tells a taken port from other causes,
 * so a command can say which option to change.
 */
public final class HttpStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean portInUse;

    HttpStartException(String message, boolean portInUse, Throwable cause) {
        super(message, cause);
        this.portInUse = portInUse;
    }

    public boolean portInUse() {
        return portInUse;
    }
}
