package dev.weir.server.metrics;

import dev.weir.engine.generator.GeneratorRunner;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.server.GeneratorGroup;
import dev.weir.server.PipelineRunner;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.observe.LagView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The metrics of one Weir process, in the Prometheus text format: what each pipeline reads, writes,
 * filters and dead-letters (per topic and per step), its latency histograms, its Kafka Streams and
 * client metrics, the generators' producer metrics, consumer lag, and the JVM's own metrics.
 * Every metric is listed in docs/metrics.md.
 * <pre>
 * WeirMetrics metrics = new WeirMetrics();
 * runtime.start();
 * metrics.bind(runtime);      // its pipelines and generators
 * metrics.bind(lagView);      // consumer lag, if watched
 * String body = metrics.scrape();   // GET /metrics, Content-Type: WeirMetrics.CONTENT_TYPE
 * metrics.close();            // before runtime.close()
 * </pre>
 * Pipelines count on their stream threads with {@code LongAdder}s and fixed-bucket histograms of
 * their own ({@link PipelineMetrics}); the meters here read those at scrape time, so a record costs
 * no more with metrics served than without.
 * <p>
 * Kafka Connect does not run inside Weir yet, so there are no connector or task metrics; when it
 * does, its worker's metrics bind here beside the pipelines', as {@code bind(...)} of the worker.
 */
public final class WeirMetrics implements AutoCloseable {

    /** The content type of {@link #scrape()}: the Prometheus text format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** How often the Kafka binders look for metrics that appeared (new tasks, partitions, brokers). */
    static final Duration KAFKA_REFRESH = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(WeirMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final ScheduledExecutorService kafkaRefresh;
    private final Duration kafkaRefreshInterval;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, PipelineMeters> pipelines = new LinkedHashMap<>();
    private final Map<String, KafkaStreamsMetrics> streamsBinders = new LinkedHashMap<>();
    private final List<KafkaClientMetrics> clientBinders = new ArrayList<>();
    private LagGauges lag;
    private boolean closed;

    public WeirMetrics() {
        this(KAFKA_REFRESH);
    }

    /** With the Kafka binders looking for new metrics every {@code refreshEvery} (tests use less than the default). */
    WeirMetrics(Duration refreshEvery) {
        this.kafkaRefreshInterval = refreshEvery;
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PromtoolNames names = new PromtoolNames();
        registry.config().namingConvention(names).meterFilter(names);
        registry.config().onMeterRegistrationFailed((id, reason) ->
                LOG.debug("metric {} {} not exported: {}", id.getName(), id.getTags(), reason));
        kafkaRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-metrics-kafka");
            t.setDaemon(true);
            return t;
        });
        registry.getPrometheusRegistry().register(new LatencyHistograms(this::pipelineMetrics));
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The registry, for meters of other parts of the process (an HTTP server, alerts). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Binds the runtime's running pipelines and its generators; call after {@link ProjectRuntime#start()}. */
    public synchronized void bind(ProjectRuntime runtime) {
        runtime.runner().running().forEach(this::bind);
        bind(runtime.generators());
    }

    /**
     * Binds a running pipeline: its counters and latency histograms, its Kafka Streams state, and
     * the metrics of its Kafka Streams application and clients (tagged {@code pipeline}). A pipeline
     * of the same name bound before is replaced.
     */
    public synchronized void bind(PipelineRunner.Running running) {
        requireOpen();
        String name = running.pipeline().name();
        PipelineMeters previous = pipelines.remove(name);
        if (previous != null) {
            previous.remove();
            closeQuietly(streamsBinders.remove(name));
        }
        pipelines.put(name, new PipelineMeters(running.pipeline().metrics(), () -> running.streams().state(), registry));
        KafkaStreamsMetrics streams = new KafkaStreamsMetrics(running.streams(), Tags.of("pipeline", name),
                kafkaRefresh, kafkaRefreshInterval);
        streams.bindTo(registry);
        streamsBinders.put(name, streams);
    }

    /** Binds the producer metrics of every running generator (tagged {@code generator}). */
    public synchronized void bind(GeneratorGroup generators) {
        requireOpen();
        for (GeneratorRunner r : generators.runners()) {
            KafkaClientMetrics producer = new KafkaClientMetrics(r.producer(), Tags.of("generator", r.generator().name()),
                    kafkaRefresh, kafkaRefreshInterval);
            producer.bindTo(registry);
            clientBinders.add(producer);
        }
    }

    /** Binds the consumer-lag gauges to {@code view}, read anew at every scrape; replaces a view bound before. */
    public synchronized void bind(LagView view) {
        requireOpen();
        if (lag != null) {
            lag.remove();
        }
        lag = new LagGauges(view, registry);
    }

    /**
     * Every metric, in the Prometheus text format 0.0.4 ({@link #CONTENT_TYPE}). Empty once closed,
     * so a scrape that arrives while the process shuts down gets an answer.
     */
    public synchronized String scrape() {
        if (closed) {
            return "";
        }
        pipelines.values().forEach(PipelineMeters::refresh);
        if (lag != null) {
            lag.refresh();
        }
        return registry.scrape(CONTENT_TYPE);
    }

    /** Each bound pipeline's p50 and p99 latencies over about the last minute, in the order bound. */
    public synchronized List<PipelineLatency> latencies() {
        return pipelines.values().stream().map(p -> PipelineLatency.of(p.metrics())).toList();
    }

    /** A pipeline's p50 and p99 latencies over about the last minute, if it is bound. */
    public synchronized Optional<PipelineLatency> latency(String pipeline) {
        return Optional.ofNullable(pipelines.get(pipeline)).map(p -> PipelineLatency.of(p.metrics()));
    }

    private synchronized List<PipelineMetrics> pipelineMetrics() {
        return pipelines.values().stream().map(PipelineMeters::metrics).toList();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("metrics are closed");
        }
    }

    /** Unbinds everything and stops the Kafka binders' refresh thread. The pipelines keep running. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        streamsBinders.values().forEach(WeirMetrics::closeQuietly);
        streamsBinders.clear();
        clientBinders.forEach(WeirMetrics::closeQuietly);
        clientBinders.clear();
        kafkaRefresh.shutdownNow();
        pipelines.values().forEach(PipelineMeters::remove);
        pipelines.clear();
        if (lag != null) {
            lag.remove();
            lag = null;
        }
        gc.close();
        registry.close();
    }

    private static void closeQuietly(AutoCloseable binder) {
        if (binder == null) {
            return;
        }
        try {
            binder.close();
        } catch (Exception e) {
            LOG.debug("closing a Kafka metrics binder: {}", e.toString());
        }
    }
}
