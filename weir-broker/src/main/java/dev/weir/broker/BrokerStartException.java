package dev.weir.broker;

/**
 * Thrown when the embedded broker cannot be started or does not become ready in time.
 */
public class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
