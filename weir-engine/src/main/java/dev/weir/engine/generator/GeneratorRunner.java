package dev.weir.engine.generator;

import dev.weir.spec.generator.Generator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link Generator}: produces its records to its topic on a daemon thread of its own, paced
 * evenly to {@link Generator#rate()} records a second, until {@link Generator#count()} records were
 * sent or {@link #close()} is called. Failed sends are logged and counted; they never stop it.
 * <pre>
 * try (GeneratorRunner runner = GeneratorRunner.start(generator, Map.of("bootstrap.servers", "localhost:9092"))) {
 *     runner.awaitCompletion(Duration.ofMinutes(1));
 * }
 * </pre>
 */
public final class GeneratorRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratorRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_BATCH = 1000;

    private final Generator generator;
    private final RecordFactory factory;
    private final Producer<String, byte[]> producer;
    private final Thread thread;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean running = true;

    GeneratorRunner(Generator generator, RecordFactory factory, Producer<String, byte[]> producer) {
        this.generator = generator;
        this.factory = factory;
        this.producer = producer;
        this.thread = new Thread(this::run, "weir-generator-" + generator.name());
        this.thread.setDaemon(true);
    }

    /**
     * Creates the producer and starts producing. {@code producerConfig} needs at least
     * {@code bootstrap.servers}; {@code acks=all}, {@code linger.ms=5} and a client id are set unless
     * given. Keys are strings, values bytes; serializer settings are ignored.
     */
    public static GeneratorRunner start(Generator generator, Map<String, ?> producerConfig) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "weir-generator-" + generator.name());
        Producer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        GeneratorRunner runner = new GeneratorRunner(generator, new RecordFactory(generator), producer);
        runner.thread.start();
        return runner;
    }

    public static GeneratorRunner start(Generator generator, Properties producerConfig) {
        Map<String, Object> config = new HashMap<>();
        producerConfig.stringPropertyNames().forEach(name -> config.put(name, producerConfig.getProperty(name)));
        return start(generator, config);
    }

    public Generator generator() {
        return generator;
    }

    /**
     * The producer, to read its client metrics (e.g. bind Micrometer's {@code KafkaClientMetrics}).
     * The runner sends with it and closes it; do neither.
     */
    public Producer<String, byte[]> producer() {
        return producer;
    }

    /** Records the broker acknowledged. */
    public long produced() {
        return produced.get();
    }

    /** Records that could not be made or sent. */
    public long failed() {
        return failed.get();
    }

    /** Whether the thread is still producing. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Waits until the generator has sent its {@code count} records and they were acknowledged or
     * failed, or until it was closed. Returns false if it is still running after {@code timeout}.
     */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** Stops the thread, then sends what is still buffered (waiting up to 10 s) and closes the producer. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("generator '{}': error closing the producer: {}", generator.name(), e.toString());
        }
        LOG.info("generator '{}' stopped: {} records produced to '{}', {} failed",
                generator.name(), produced.get(), generator.topic(), failed.get());
    }

    private void run() {
        long limit = generator.count().orElse(Long.MAX_VALUE);
        long sent = 0;
        Pacer pacer = new Pacer(generator.rate(), System.nanoTime());
        LOG.info("generator '{}' producing to '{}' at {} records/s{}", generator.name(), generator.topic(),
                generator.rate(), generator.count().map(c -> ", " + c + " records").orElse(""));
        while (running && sent < limit) {
            long now = System.nanoTime();
            int n = pacer.take(now, (int) Math.min(MAX_BATCH, limit - sent));
            if (n == 0) {
                LockSupport.parkNanos(Math.max(1, Math.min(pacer.nanosUntilNext(now), MAX_PARK_NANOS)));
                continue;
            }
            for (int i = 0; i < n && running; i++) {
                sendOne();
                sent++;
            }
        }
        if (sent >= limit) {
            try {
                producer.flush();
            } catch (RuntimeException e) {
                LOG.warn("generator '{}': flush failed: {}", generator.name(), e.toString());
            }
            LOG.info("generator '{}' done: {} records sent to '{}'", generator.name(), sent, generator.topic());
        }
    }

    private void sendOne() {
        GeneratedRecord record;
        try {
            record = factory.next();
        } catch (RuntimeException e) {
            failure("cannot make a record", e);
            return;
        }
        try {
            producer.send(new ProducerRecord<>(generator.topic(), record.key(), record.value()), (metadata, error) -> {
                if (error == null) {
                    produced.incrementAndGet();
                } else {
                    failure("cannot produce to '" + generator.topic() + "'", error);
                }
            });
        } catch (RuntimeException e) {
            failure("cannot produce to '" + generator.topic() + "'", e);
        }
    }

    /** Counts a failure and logs it, at most once every 10 seconds so that a broker outage does not flood the log. */
    private void failure(String what, Exception e) {
        long count = failed.incrementAndGet();
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warn("generator '{}': {} ({} failed so far): {}", generator.name(), what, count, e.toString());
            LOG.debug("generator '{}' failure", generator.name(), e);
        }
    }
}
