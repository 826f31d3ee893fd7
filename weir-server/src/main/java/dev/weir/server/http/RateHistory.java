package dev.weir.server.http;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.generator.GeneratorRunner;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.server.PipelineRunner;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagView;
import dev.weir.spec.generator.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples every pipeline's counters (and its latency and lag) at a fixed interval and keeps the
 * samples of the last hour in a ring, so the API can answer current rates and the recent past
 * without a metrics database. Generators' sent counts are sampled too, for the lineage graph.
 */
final class RateHistory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RateHistory.class);

    /** One pipeline at one instant: counters since it started, and what was measured then. */
    record Sample(long atMillis, String state, long in, long out, long filtered, long dead,
                  Map<String, Long> inByTopic, Map<String, Long> outByTopic, Double latencyAvgMs, Double latencyMaxMs,
                  Long lag, String lagStatus) {
    }

    /** Records per second between two samples, per counter and per topic. */
    record Rates(double in, double out, double filtered, double dead, Map<String, Double> inByTopic,
                 Map<String, Double> outByTopic) {

        static final Rates NONE = new Rates(0, 0, 0, 0, Map.of(), Map.of());
    }

    private final ProjectRuntime runtime;
    private final LagView lag;
    private final Duration interval;
    private final int capacity;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();
    private final Map<String, Deque<long[]>> generatorSamples = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> writerNodes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    RateHistory(ProjectRuntime runtime, LagView lag, Duration interval, Duration span) {
        this.runtime = runtime;
        this.lag = lag;
        this.interval = interval;
        this.capacity = (int) Math.max(2, span.toMillis() / interval.toMillis() + 1);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-http-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    Duration interval() {
        return interval;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warn("Could not sample pipeline metrics: {}", e.toString());
        }
    }

    /** Takes one sample of every pipeline and generator now. */
    void sample() {
        long now = System.currentTimeMillis();
        Map<String, GroupLag> lagByGroup = new HashMap<>();
        try {
            lag.groups().forEach(g -> lagByGroup.put(g.group(), g));
        } catch (RuntimeException e) {
            LOG.debug("Lag not available: {}", e.toString());
        }
        for (PipelineRunner.Running r : runtime.runner().running()) {
            CompiledPipeline p = r.pipeline();
            PipelineMetrics m = p.metrics();
            Set<String> nodes = writerNodes.computeIfAbsent(p.name(), n -> StreamsLatency.writerNodes(r));
            Optional<StreamsLatency.Latency> latency = StreamsLatency.of(r, nodes);
            GroupLag g = lagByGroup.get(p.applicationId());
            Sample s = new Sample(now, r.state(), m.in(), m.out(), m.filteredCount(), m.dead(), m.inByTopic(), m.outByTopic(),
                    latency.map(StreamsLatency.Latency::avgMs).filter(v -> !v.isNaN()).orElse(null),
                    latency.map(StreamsLatency.Latency::maxMs).filter(v -> !v.isNaN()).orElse(null),
                    g == null ? null : g.totalLag(), g == null ? null : g.status().name());
            add(samples.computeIfAbsent(p.name(), n -> new ArrayDeque<>()), s);
        }
        List<GeneratorRunner> runners = runtime.generators().runners();
        List<Generator> generators = runtime.project().generators();
        if (runners.size() == generators.size()) {
            for (int i = 0; i < runners.size(); i++) {
                add(generatorSamples.computeIfAbsent(generators.get(i).name(), n -> new ArrayDeque<>()),
                        new long[]{now, runners.get(i).produced()});
            }
        }
    }

    private <T> void add(Deque<T> ring, T sample) {
        synchronized (ring) {
            ring.addLast(sample);
            while (ring.size() > capacity) {
                ring.removeFirst();
            }
        }
    }

    private static <T> List<T> copy(Deque<T> ring) {
        if (ring == null) {
            return List.of();
        }
        synchronized (ring) {
            return new ArrayList<>(ring);
        }
    }

    /** The samples of one pipeline, oldest first. */
    List<Sample> samples(String pipeline) {
        return copy(samples.get(pipeline));
    }

    /** Rates between the last two samples of a pipeline; zeros until there are two. */
    Rates current(String pipeline) {
        List<Sample> s = samples(pipeline);
        return s.size() < 2 ? Rates.NONE : rates(s.get(s.size() - 2), s.get(s.size() - 1));
    }

    /** Records per second a generator sent between its last two samples, if sampled. */
    Optional<Double> generatorRate(String generator) {
        List<long[]> s = copy(generatorSamples.get(generator));
        if (s.size() < 2) {
            return Optional.empty();
        }
        long[] a = s.get(s.size() - 2);
        long[] b = s.get(s.size() - 1);
        return Optional.of(perSecond(b[1] - a[1], b[0] - a[0]));
    }

    static Rates rates(Sample a, Sample b) {
        long millis = b.atMillis() - a.atMillis();
        return new Rates(perSecond(b.in() - a.in(), millis), perSecond(b.out() - a.out(), millis),
                perSecond(b.filtered() - a.filtered(), millis), perSecond(b.dead() - a.dead(), millis),
                byTopic(a.inByTopic(), b.inByTopic(), millis), byTopic(a.outByTopic(), b.outByTopic(), millis));
    }

    private static Map<String, Double> byTopic(Map<String, Long> a, Map<String, Long> b, long millis) {
        Map<String, Double> m = new LinkedHashMap<>();
        b.forEach((topic, count) -> m.put(topic, perSecond(count - a.getOrDefault(topic, 0L), millis)));
        return m;
    }

    /** A rate, rounded to two decimals; a counter that went down (a restart) counts as zero. */
    private static double perSecond(long delta, long millis) {
        if (millis <= 0 || delta <= 0) {
            return 0;
        }
        return Math.round(delta * 100_000.0 / millis) / 100.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
