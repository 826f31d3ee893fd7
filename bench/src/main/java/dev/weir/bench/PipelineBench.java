package dev.weir.bench;

import dev.weir.broker.EmbeddedKafka;
import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.server.PipelineRunner;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput and latency of one pipeline three ways, in one JVM against one embedded broker:
 * <ul>
 * <li>{@code limit}: a consumer copying records to a producer, nothing else (with exactly-once,
 *     a transaction every 100 ms with the consumed offsets in it);</li>
 * <li>{@code engine}: the same work as a hand-written Kafka Streams application;</li>
 * <li>{@code weir}: the pipeline's YAML, compiled by Weir and run with Weir's settings.</li>
 * </ul>
 * Throughput: {@code records} records are in the input topic before the application starts; the
 * rate is input records over the time from the first to the last output read (start-up and group
 * join are left out). Latency: records are produced at {@code rate} per second for
 * {@code seconds}; a record's latency is the time its output is read minus the time it was
 * produced (the output keeps the input's timestamp). CPU is the CPU time of the application's
 * own threads during the throughput phase; peak heap is the whole JVM's (broker included).
 * <pre>java -cp ... dev.weir.bench.PipelineBench [--quick|--full] [--records N] [--rate R] [--seconds S]
 *     [--workloads stateless,stateful] [--sizes 200] [--guarantees eos,alos] [--impls limit,engine,weir]</pre>
 */
public final class PipelineBench {


    private final EmbeddedKafka kafka;
    private final Path work;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> loader;
    private int runs;

    record Result(String workload, int size, String guarantee, String impl, double recordsPerSec, double mbPerSec,
                  double p50, double p99, double p999, double cpuSeconds, double peakMb, String note) {
    }

    private PipelineBench(EmbeddedKafka kafka, Path work) {
        this.kafka = kafka;
        this.work = work;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-loader");
        // Not idempotent: the loader is not what is measured, and it keeps no producer state across runs.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        this.loader = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        int code = 1;
        try {
            bench(args);
            code = 0;
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "; bin/bench --help lists the options");
            code = 2;
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.out.flush();
            System.exit(code);
        }
    }

    private static void bench(String[] args) throws Exception {
        boolean full = Arrays.asList(args).contains("--full");
        long records = full ? 200_000 : 100_000;
        int rate = 2000;
        int seconds = full ? 10 : 5;
        List<Workload> workloads = full ? List.of(Workload.values()) : List.of(Workload.STATELESS, Workload.STATEFUL);
        List<Integer> sizes = full ? List.of(200, 2000) : List.of(200);
        List<String> guarantees = List.of("eos", "alos");
        List<String> impls = List.of("limit", "engine", "weir");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Long.parseLong(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--workloads" -> workloads = Arrays.stream(args[++i].split(","))
                        .map(s -> Workload.valueOf(s.toUpperCase(Locale.ROOT))).toList();
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--guarantees" -> guarantees = List.of(args[++i].split(","));
                case "--impls" -> impls = List.of(args[++i].split(","));
                case "--quick", "--full" -> { }
                case "--help", "-h" -> {
                    System.out.println("""
                            Usage: bin/bench [--quick|--full] [--workloads stateless,stateful,enrichment,full] [--sizes 200,2000]
                                   [--guarantees eos,alos] [--impls limit,engine,weir,weir-cel] [--records N] [--rate R] [--seconds S]
                                   bin/bench processing --help
                            Throughput, latency, CPU and peak memory of each workload on an embedded broker: a plain copy
                            loop (limit), hand-written Kafka Streams (engine) and the Weir pipeline, side by side.
                            --quick (default): stateless and stateful, 200 B, 100000 records, latency at 2000 records/s for 5 s.
                            --full: every workload, 200 B and 2 KB, 200000 records, latency for 10 s.
                            See docs/benchmarks.md.""");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("weir-pipeline-bench-");
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MB; %d records per throughput run,"
                        + " latency at %d records/s for %d s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, records, rate, seconds);
        try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(work.resolve("kafka")).withPort(freePort())).start()) {
            PipelineBench bench = new PipelineBench(kafka, work);
            System.out.println("warm-up (not reported)");
            for (String impl : impls) {
                bench.run(Workload.STATELESS, 200, "eos", impl, Math.min(records, 50_000), rate, 2);
            }
            List<Result> results = new ArrayList<>();
            for (Workload w : workloads) {
                for (int size : sizes) {
                    for (String g : guarantees) {
                        for (String impl : impls) {
                            Result r = bench.run(w, size, g, impl, records, rate, seconds);
                            results.add(r);
                            System.out.printf(Locale.ROOT, "  %s%n", r);
                        }
                    }
                }
            }
            System.out.println();
            System.out.print(table(results));
            bench.admin.close();
            bench.loader.close();
        }
    }

    static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| workload | size | guarantee | impl | records/s | MB/s | p50 ms | p99 ms | p99.9 ms | CPU s | peak MB | weir/engine | weir/limit |\n");
        sb.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            String vsEngine = "";
            String vsLimit = "";
            if (r.impl().startsWith("weir")) {
                vsEngine = ratio(r, find(results, r, "engine"));
                vsLimit = ratio(r, find(results, r, "limit"));
            }
            sb.append(String.format(Locale.ROOT, "| %s | %d B | %s | %s | %,.0f | %.1f | %.0f | %.0f | %.0f | %.2f | %.0f | %s | %s |%s%n",
                    r.workload(), r.size(), r.guarantee(), r.impl(), r.recordsPerSec(), r.mbPerSec(), r.p50(), r.p99(),
                    r.p999(), r.cpuSeconds(), r.peakMb(), vsEngine, vsLimit, r.note().isEmpty() ? "" : " " + r.note()));
        }
        return sb.toString();
    }

    private static Result find(List<Result> results, Result r, String impl) {
        return results.stream().filter(o -> o.workload().equals(r.workload()) && o.size() == r.size()
                && o.guarantee().equals(r.guarantee()) && o.impl().equals(impl)).findFirst().orElse(null);
    }

    private static String ratio(Result weir, Result other) {
        return other == null || other.recordsPerSec() == 0 ? "" : String.format(Locale.ROOT, "%.2f", weir.recordsPerSec() / other.recordsPerSec());
    }

    // ---------------------------------------------------------------------------------------------

    /** One (workload, size, guarantee, implementation): a throughput phase, then a latency phase. */
    Result run(Workload w, int size, String guarantee, String impl, long records, int rate, int seconds) throws Exception {
        boolean eos = guarantee.equals("eos");
        String note = "";

        // Throughput: pre-load, start, read every output.
        Topics t = createTopics(w);
        long inputBytes = 0;
        long now = System.currentTimeMillis();
        for (long i = 0; i < records; i++) {
            byte[] v = Workload.record(i, now, size);
            inputBytes += v.length;
            loader.send(new ProducerRecord<>(t.in, null, now, Workload.key(i), v));
        }
        loader.flush();
        long expected = w.expectedOutputs(records);
        System.gc();
        Sampler sampler = new Sampler(t.tag).start();
        OutputReader reader = new OutputReader(t.out, Long.MIN_VALUE).start();
        App app = start(impl, w, t, eos);
        boolean done = reader.await(expected, Duration.ofSeconds(90));
        long firstNs = reader.firstNs.get();
        long lastNs = reader.lastNs.get();
        double cpu = sampler.cpuSeconds();
        app.close();
        reader.close();
        if (!done) {
            note = "(only " + reader.count.get() + " of " + expected + " outputs)";
        }
        double secs = Math.max(1e-9, (lastNs - firstNs) / 1e9);
        double rps = reader.count.get() == 0 ? 0 : records * (reader.count.get() / (double) expected) / secs;
        double mbps = rps * (inputBytes / (double) records) / 1e6;

        // Latency: a fresh application on fresh topics, records at a fixed rate.
        Topics lt = createTopics(w);
        sampler.retag(lt.tag);
        App lapp = start(impl, w, lt, eos);
        long t0 = waitUntilFlowing(w, lt, size);
        OutputReader lreader = new OutputReader(lt.out, t0).start();
        long sent = 0;
        long begin = System.nanoTime();
        long total = (long) rate * seconds;
        long seq = 1_000_000;
        while (sent < total) {
            long due = Math.min(total, (long) ((System.nanoTime() - begin) / 1e9 * rate) + 1);
            for (; sent < due; sent++, seq++) {
                long ts = System.currentTimeMillis();
                loader.send(new ProducerRecord<>(lt.in, null, ts, Workload.key(seq), Workload.record(seq, ts, size)));
            }
            Thread.sleep(1);
        }
        loader.flush();
        long lexpected = w.expectedOutputs(seq) - w.expectedOutputs(1_000_000);
        if (!lreader.await(lexpected, Duration.ofSeconds(30))) {
            note += " (latency: " + lreader.count.get() + " of " + lexpected + " outputs)";
        }
        double peak = sampler.peakMb();
        sampler.close();
        lapp.close();
        lreader.close();
        long[] lat = lreader.latencies();
        return new Result(w.label(), size, guarantee, impl, rps, mbps, pct(lat, 0.50), pct(lat, 0.99), pct(lat, 0.999),
                cpu, peak, note.trim());
    }

    /** Sends a record every 100 ms until outputs appear, so the application is running; returns a time after the probes. */
    private long waitUntilFlowing(Workload w, Topics t, int size) throws Exception {
        OutputReader probe = new OutputReader(t.out, Long.MIN_VALUE).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long i = 1;
        while (probe.count.get() == 0 && System.nanoTime() < deadline) {
            long ts = System.currentTimeMillis();
            loader.send(new ProducerRecord<>(t.in, null, ts, Workload.key(i), Workload.record(i, ts, size)));
            i++;
            loader.flush();
            Thread.sleep(100);
        }
        Thread.sleep(500);
        probe.close();
        // The last probe was sent at least 500 ms ago; every record sent from now on is at or after this.
        return System.currentTimeMillis() - 100;
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    record Topics(String tag, String in, String out, String dlq, String customers, String alerts, String stats) {
    }

    private Topics createTopics(Workload w) throws Exception {
        String tag = "r" + (++runs) + "x" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Topics t = new Topics(tag, tag + "-in", tag + "-out", tag + "-dlq", tag + "-customers", tag + "-alerts",
                tag + "-stats");
        List<NewTopic> topics = new ArrayList<>(List.of(new NewTopic(t.in, 3, (short) 1), new NewTopic(t.out, 3, (short) 1),
                new NewTopic(t.dlq, 1, (short) 1)));
        if (w.readsCustomers()) {
            topics.add(new NewTopic(t.customers, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        }
        if (w == Workload.FULL) {
            topics.add(new NewTopic(t.alerts, 3, (short) 1));
            topics.add(new NewTopic(t.stats, 3, (short) 1));
        }
        admin.createTopics(topics).all().get();
        if (w.readsCustomers()) {
            for (int c = 0; c < Workload.CUSTOMERS; c++) {
                loader.send(new ProducerRecord<>(t.customers, String.format(Locale.ROOT, "c-%04d", c), Workload.customer(c)));
            }
            loader.flush();
        }
        return t;
    }

    // ---------------------------------------------------------------------------------------------

    interface App extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    private App start(String impl, Workload w, Topics t, boolean eos) throws Exception {
        return switch (impl) {
            case "limit" -> new CopyApp(kafka.bootstrapServers(), t, eos).start();
            case "engine" -> startStreams(EngineTopologies.build(w, t), engineConfig(t, eos));
            case "weir" -> startWeir(w, t, eos);
            case "weir-cel" -> {
                // Weir with every expression evaluated by CEL's interpreter: the direct path's before and after.
                System.setProperty("weir.expressions.direct", "false");
                try {
                    yield startWeir(w, t, eos);
                } finally {
                    System.clearProperty("weir.expressions.direct");
                }
            }
            default -> throw new IllegalArgumentException("unknown implementation " + impl);
        };
    }

    /** The settings Weir's runner uses, written out as one would for a hand-made application. */
    private Properties engineConfig(Topics t, boolean eos) throws IOException {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "engine-" + t.tag);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, eos ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(work.resolve("state").resolve(t.tag)).toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        return p;
    }

    private App startWeir(Workload w, Topics t, boolean eos) throws IOException {
        CompiledPipeline p = compileWeir(w, t, eos, work.resolve("projects").resolve(t.tag));
        Properties props = PipelineRunner.streamsConfig(p, kafka.bootstrapServers(), Map.of(),
                Files.createDirectories(work.resolve("state").resolve(t.tag)));
        return startStreams(p.topology(), props);
    }

    /** Writes the workload as a Weir project in {@code dir} and compiles its pipeline, as {@code weir run} does. */
    static CompiledPipeline compileWeir(Workload w, Topics t, boolean eos, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("topics"));
        Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(dir.resolve("weir.yaml"), """
                apiVersion: weir.dev/v1
                kind: Project
                metadata: { name: %s }
                spec: {}
                """.formatted(t.tag));
        List<String> topics = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(t.in, t.out, t.dlq));
        if (w == Workload.FULL) {
            names.addAll(List.of(t.alerts, t.stats));
        }
        for (String name : names) {
            topics.add("apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: %s }\nspec: { partitions: %d }\n"
                    .formatted(name, name.equals(t.dlq) ? 1 : 3));
        }
        if (w.readsCustomers()) {
            topics.add("apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: %s }\nspec: { partitions: 1, config: { cleanup.policy: compact } }\n"
                    .formatted(t.customers));
        }
        Files.writeString(dir.resolve("topics").resolve("topics.yaml"), String.join("---\n", topics));
        Files.writeString(dir.resolve("pipelines").resolve("bench.yaml"),
                w.pipelineYaml("bench", t, eos));
        Project project = ProjectLoader.load(dir);
        return new PipelineCompiler().compileAll(project).get(0);
    }

    private static App startStreams(Topology topology, Properties props) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        return () -> streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    // ---------------------------------------------------------------------------------------------

    /** Reads an output topic from the beginning (committed records only), counting and timing what arrives. */
    private final class OutputReader implements AutoCloseable {
        final AtomicLong count = new AtomicLong();
        final AtomicLong firstNs = new AtomicLong();
        final AtomicLong lastNs = new AtomicLong();
        private final long minTimestamp;
        private final String topic;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private long[] latencies = new long[1 << 16];
        private int latencyCount;

        OutputReader(String topic, long minTimestamp) {
            this.topic = topic;
            this.minTimestamp = minTimestamp;
            this.thread = new Thread(this::loop, "bench-reader-" + topic);
        }

        OutputReader start() {
            thread.start();
            return this;
        }

        private void loop() {
            Map<String, Object> c = new HashMap<>();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                while (running.get()) {
                    ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(10));
                    if (batch.isEmpty()) {
                        continue;
                    }
                    long nowNs = System.nanoTime();
                    long nowMs = System.currentTimeMillis();
                    int n = 0;
                    synchronized (this) {
                        for (ConsumerRecord<byte[], byte[]> r : batch) {
                            if (r.timestamp() < minTimestamp) {
                                continue;
                            }
                            n++;
                            if (minTimestamp != Long.MIN_VALUE) {
                                if (latencyCount == latencies.length) {
                                    latencies = Arrays.copyOf(latencies, latencyCount * 2);
                                }
                                latencies[latencyCount++] = nowMs - r.timestamp();
                            }
                        }
                    }
                    if (n > 0) {
                        firstNs.compareAndSet(0, nowNs);
                        lastNs.set(nowNs);
                        count.addAndGet(n);
                    }
                }
            }
        }

        boolean await(long expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return count.get() >= expected;
        }

        synchronized long[] latencies() {
            long[] l = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(l);
            return l;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
