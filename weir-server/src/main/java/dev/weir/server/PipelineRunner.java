package dev.weir.server;

import dev.weir.engine.compile.CompiledPipeline;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs compiled pipelines, each as its own Kafka Streams application, so each scales, fails and
 * restarts on its own. Another process running the same pipelines against the same cluster
 * joins the same consumer groups and takes over a share of the partitions.
 */
public final class PipelineRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    /** A pipeline and the Kafka Streams application that runs it. */
    public record Running(CompiledPipeline pipeline, KafkaStreams streams) {
        public String state() {
            return streams.state().name();
        }
    }

    /**
     * Told what happens to each pipeline this runner starts, e.g. to publish lineage events or
     * count restarts. Callbacks run on Kafka Streams' own threads (state changes, failures), the
     * starting caller's, or the thread closing the pipeline: return quickly. An exception thrown
     * by a listener is logged and does not stop the pipeline.
     */
    public interface Listener {
        /** The pipeline's Kafka Streams application is about to start; its state listener is set. */
        default void starting(Running pipeline) {
        }

        /** Kafka Streams moved from one state to another, e.g. REBALANCING to RUNNING, or to ERROR. */
        default void stateChanged(Running pipeline, KafkaStreams.State from, KafkaStreams.State to) {
        }

        /** A stream thread died with this error (the runner replaces it), or the application failed to start. */
        default void failed(Running pipeline, Throwable error) {
        }

        /** The pipeline was closed: {@code cleanly} unless it did not close within the timeout. */
        default void closed(Running pipeline, boolean cleanly) {
        }
    }

    // Read by the HTTP API and the alert engine while pipelines start and stop.
    private final List<Running> running = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener for the pipelines started from now on. */
    public PipelineRunner addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener can't be null"));
        return this;
    }

    public static Properties streamsConfig(CompiledPipeline p, String bootstrapServers, Map<String, Object> clientConfig,
                                           Path stateDir) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, p.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, p.pipeline().guarantee().streamsValue());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // A pipeline on one machine needs one thread; more processes, not more threads, scale it out.
        props.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        return props;
    }

    public Running start(CompiledPipeline p, String bootstrapServers, Map<String, Object> clientConfig, Path stateDir) {
        KafkaStreams streams = new KafkaStreams(p.topology(), streamsConfig(p, bootstrapServers, clientConfig, stateDir));
        Running r = new Running(p, streams);
        streams.setUncaughtExceptionHandler(e -> {
            // Bad records never get here (they are dead-lettered); this is a broker or environment failure.
            LOG.error("pipeline {} hit an error and restarts its stream thread: {}", p.name(), e.toString(), e);
            tell(r, l -> l.failed(r, e));
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((to, from) -> tell(r, l -> l.stateChanged(r, from, to)));
        tell(r, l -> l.starting(r));
        try {
            streams.start();
        } catch (RuntimeException e) {
            tell(r, l -> l.failed(r, e));
            throw e;
        }
        running.add(r);
        return r;
    }

    private void tell(Running r, Consumer<Listener> call) {
        for (Listener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("a listener of pipeline {} failed: {}", r.pipeline().name(), e.toString(), e);
            }
        }
    }

    public List<Running> running() {
        return List.copyOf(running);
    }

    /** True once every pipeline is RUNNING (all tasks assigned and restored). */
    public boolean allRunning() {
        return running.stream().allMatch(r -> r.streams().state() == KafkaStreams.State.RUNNING);
    }

    @Override
    public void close() {
        // Close all in parallel: each close commits its last transaction and leaves its group.
        List<Thread> closers = new ArrayList<>();
        for (Running r : running) {
            Thread t = new Thread(() -> {
                // Leave the group on close, so another process running this pipeline takes over at once.
                boolean done = r.streams().close(CloseOptions.groupMembershipOperation(
                        CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
                if (!done) {
                    LOG.warn("pipeline {} did not close within 30s", r.pipeline().name());
                }
                tell(r, l -> l.closed(r, done));
            }, "close-" + r.pipeline().name());
            t.start();
            closers.add(t);
        }
        for (Thread t : closers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }
}
