package dev.weir.broker;

/**
 * Thrown when the port the broker should listen on is already taken by another process.
 * The message is meant to be shown to the user as is.
 */
public class PortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int port;

    public PortInUseException(int port) {
        super("port " + port + " is already in use; stop whatever listens there or choose another with --kafka-port");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
