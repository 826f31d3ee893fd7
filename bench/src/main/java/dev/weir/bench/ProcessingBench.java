package dev.weir.bench;

import com.sun.management.ThreadMXBean;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.server.PipelineRunner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The processing cost per record of each workload, without a broker: the hand-written Kafka
 * Streams application and the Weir pipeline run in {@link TopologyTestDriver}, on the calling
 * thread, so the thread's CPU time and allocation are exactly the topology's work (decode, steps,
 * state stores, encode) plus the driver's, which is the same for both. Producer, consumer, broker
 * and neighbours are left out, which makes this the steady figure for Weir's own overhead; the
 * end-to-end figures are {@link PipelineBench}'s.
 * <p>
 * Each implementation of each workload runs in JVMs of its own ({@code --forks}, taking turns with
 * the other implementations); each round gives it a fresh driver and state directory and the same
 * records; the first round of a JVM warms the JIT and is not counted; the table shows the best of
 * the others.
 * <pre>java -cp weir-cli/target/weir.jar:bench/target/classes dev.weir.bench.ProcessingBench
 *     [--workloads stateless,...] [--sizes 200,2000] [--impls engine,weir,weir-cel] [--records N] [--rounds R]
 *     [--forks F]</pre>
 */
public final class ProcessingBench {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Records piped between two reads of the output topics, so the driver's queues stay short. */
    private static final int DRAIN_EVERY = 5_000;

    record Sample(double cpuNanosPerRecord, double bytesPerRecord, long outputs) {
    }

    private ProcessingBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Workload> workloads = List.of(Workload.values());
        List<Integer> sizes = List.of(200);
        List<String> impls = List.of("engine", "weir");
        int records = 200_000;
        int rounds = 5;
        int forks = 2;
        boolean child = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--workloads" -> workloads = Arrays.stream(args[++i].split(","))
                        .map(s -> Workload.valueOf(s.toUpperCase(Locale.ROOT))).toList();
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--impls" -> impls = List.of(args[++i].split(","));
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--forks" -> forks = Integer.parseInt(args[++i]);
                case "--child" -> child = true;
                case "--help", "-h" -> {
                    System.out.println("""
                            Usage: bin/bench processing [--workloads stateless,stateful,enrichment,full] [--sizes 200,2000]
                                   [--impls engine,weir,weir-cel] [--records N] [--rounds R] [--forks F]
                            The CPU time and allocation per record of each workload's topology in TopologyTestDriver,
                            without a broker; defaults: every workload, 200 B, engine and weir, 200000 records,
                            5 rounds (the first not counted) in each of 2 JVMs per implementation.""");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (rounds < 2) {
            throw new IllegalArgumentException("--rounds must be at least 2: the first one only warms up");
        }
        if (child) {
            // One implementation of one workload, in a JVM of its own: print each counted round.
            Path work = Files.createTempDirectory("weir-processing-bench-");
            try {
                for (int r = 0; r < rounds; r++) {
                    Sample s = runOnce(workloads.get(0), sizes.get(0), impls.get(0), records, work.resolve("r" + r));
                    if (r > 0) {
                        System.out.printf(Locale.ROOT, "SAMPLE %.1f %.1f %d%n", s.cpuNanosPerRecord, s.bytesPerRecord, s.outputs);
                    }
                }
            } finally {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            System.exit(0);
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; %,d records per round, %d rounds (the first not counted)"
                        + " in each of %d JVMs per implementation and workload; the best round is shown%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), records, rounds, forks);
        StringBuilder table = new StringBuilder("""
                | workload | size | impl | CPU µs/record | KB allocated/record | outputs | weir/engine CPU |
                |---|---|---|---:|---:|---:|---:|
                """);
        for (Workload w : workloads) {
            for (int size : sizes) {
                // The implementations take turns, fork after fork, so a slow spell of the machine falls on all.
                Map<String, List<Sample>> samples = new LinkedHashMap<>();
                for (int f = 0; f < forks; f++) {
                    for (String impl : impls) {
                        samples.computeIfAbsent(impl, k -> new ArrayList<>()).addAll(fork(w, size, impl, records, rounds));
                    }
                }
                Map<String, Sample> best = new LinkedHashMap<>();
                samples.forEach((impl, list) -> best.put(impl, best(list)));
                double engine = best.containsKey("engine") ? best.get("engine").cpuNanosPerRecord : Double.NaN;
                for (Map.Entry<String, Sample> e : best.entrySet()) {
                    Sample m = e.getValue();
                    String ratio = e.getKey().equals("engine") || Double.isNaN(engine) ? ""
                            : String.format(Locale.ROOT, "%.2f", m.cpuNanosPerRecord / engine);
                    String line = String.format(Locale.ROOT, "| %s | %d B | %s | %.2f | %.1f | %,d | %s |%n", w.label(), size,
                            e.getKey(), m.cpuNanosPerRecord / 1000, m.bytesPerRecord / 1024, m.outputs, ratio);
                    table.append(line);
                    System.out.print("  " + line);
                }
            }
        }
        System.out.println();
        System.out.print(table);
        System.exit(0);
    }

    /**
     * Runs one implementation of one workload in a fresh JVM, so that what the JIT learnt from another
     * implementation (shared Kafka Streams and Jackson code, inlined differently) does not count for or against it.
     */
    private static List<Sample> fork(Workload w, int size, String impl, int records, int rounds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), ProcessingBench.class.getName(), "--child",
                "--workloads", w.name(), "--sizes", String.valueOf(size), "--impls", impl,
                "--records", String.valueOf(records), "--rounds", String.valueOf(rounds)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("SAMPLE ")) {
                    String[] f = line.split(" ");
                    samples.add(new Sample(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3])));
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || samples.isEmpty()) {
            throw new IllegalStateException("the run of " + impl + " on " + w.label() + " " + size + " B failed (exit " + rc + ")");
        }
        return samples;
    }

    /**
     * The round that took the least CPU. The work of a round is the same every time, so what a
     * round takes beyond it is noise: a neighbour on the core, a recompilation, a cold cache.
     */
    private static Sample best(List<Sample> samples) {
        return samples.stream().min((a, b) -> Double.compare(a.cpuNanosPerRecord, b.cpuNanosPerRecord)).orElseThrow();
    }

    private static Sample runOnce(Workload w, int size, String impl, int records, Path dir) throws IOException {
        String tag = "p" + dir.getFileName();
        PipelineBench.Topics t = new PipelineBench.Topics(tag, tag + "-in", tag + "-out", tag + "-dlq", tag + "-customers",
                tag + "-alerts", tag + "-stats");
        Path state = Files.createDirectories(dir.resolve("state"));
        Topology topology;
        Properties props;
        switch (impl) {
            case "engine" -> {
                topology = EngineTopologies.build(w, t);
                props = new Properties();
                props.put(StreamsConfig.APPLICATION_ID_CONFIG, tag);
                props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
            }
            case "weir", "weir-cel" -> {
                if (impl.equals("weir-cel")) {
                    System.setProperty("weir.expressions.direct", "false");
                }
                try {
                    CompiledPipeline p = PipelineBench.compileWeir(w, t, false, dir.resolve("project"));
                    topology = p.topology();
                    props = PipelineRunner.streamsConfig(p, "127.0.0.1:9", Map.of(), state);
                } finally {
                    System.clearProperty("weir.expressions.direct");
                }
            }
            default -> throw new IllegalArgumentException("unknown implementation " + impl);
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);

        // The records, made before the clock starts: event time advances 1 ms every 50 records.
        long base = 1_700_000_000_000L;
        byte[][] values = new byte[records][];
        String[] keys = new String[records];
        for (int i = 0; i < records; i++) {
            values[i] = Workload.record(i, base + i / 50, size);
            keys[i] = Workload.key(i);
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            if (w.readsCustomers()) {
                TestInputTopic<String, byte[]> customers = driver.createInputTopic(t.customers(), new StringSerializer(),
                        new ByteArraySerializer());
                for (int c = 0; c < Workload.CUSTOMERS; c++) {
                    customers.pipeInput(String.format(Locale.ROOT, "c-%04d", c), Workload.customer(c), base);
                }
            }
            TestInputTopic<String, byte[]> in = driver.createInputTopic(t.in(), new StringSerializer(), new ByteArraySerializer());
            List<TestOutputTopic<String, byte[]>> outs = new ArrayList<>();
            for (String topic : List.of(t.out(), t.dlq(), t.alerts(), t.stats())) {
                outs.add(driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()));
            }
            long outputs = 0;
            long thread = Thread.currentThread().getId();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long bytes0 = THREADS.getThreadAllocatedBytes(thread);
            for (int i = 0; i < records; i++) {
                in.pipeInput(keys[i], values[i], base + i / 50);
                if (i % DRAIN_EVERY == DRAIN_EVERY - 1) {
                    outputs += drain(outs);
                }
            }
            outputs += drain(outs);
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            long bytes = THREADS.getThreadAllocatedBytes(thread) - bytes0;
            return new Sample((double) cpu / records, (double) bytes / records, outputs);
        }
    }

    private static long drain(List<TestOutputTopic<String, byte[]>> outs) {
        long n = 0;
        for (TestOutputTopic<String, byte[]> o : outs) {
            n += o.readValuesToList().size();
        }
        return n;
    }
}
