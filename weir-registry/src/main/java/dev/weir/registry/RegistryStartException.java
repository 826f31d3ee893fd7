package dev.weir.registry;

/** The registry could not start: its port is taken, or its Kafka cluster or topic is out of reach. */
public final class RegistryStartException extends RuntimeException {

    public RegistryStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
