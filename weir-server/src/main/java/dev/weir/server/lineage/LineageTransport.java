package dev.weir.server.lineage;

/**
 * Where run events go. Sending never throws: a receiver that is down or refuses an event is
 * logged, and the pipeline goes on.
 */
sealed interface LineageTransport extends AutoCloseable permits HttpLineageTransport, KafkaLineageTransport {

    void send(LineageEvent event);

    @Override
    void close();
}
