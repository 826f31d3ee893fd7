package dev.weir.cli;

import dev.weir.engine.record.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print the records of a topic as they arrive.",
                "Reads every partition without joining a consumer group, so it never moves anyone's offsets."},
        footer = {"", "Examples:", "  weir tail fraud-alerts", "  weir tail transactions-dlq --from-beginning --headers -n 10"})
final class TailCommand implements Callable<Integer> {

    @ParentCommand
    WeirCommand root;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of new ones only.")
    boolean fromBeginning;

    @Option(names = {"-n", "--max-records"}, paramLabel = "N", description = "Stop after N records.")
    Long maxRecords;

    @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Stop when no record arrives for this long (default: wait for ever).")
    Duration timeout;

    @Option(names = "--headers", description = "Also print each record's headers.")
    boolean headers;

    @Option(names = "--pretty", description = "Indent JSON values.")
    boolean pretty;

    @Override
    public Integer call() {
        Map<String, Object> props = cluster.clientConfig();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        PrintStream out = root.out;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new UserError(ExitCode.FAILURE, "cannot reach Kafka at " + props.get("bootstrap.servers")
                        + " (is 'weir up' running?)");
            }
            if (partitions == null || partitions.isEmpty()) {
                throw new UserError(ExitCode.USAGE, "topic '" + topic + "' does not exist");
            }
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            if (fromBeginning) {
                consumer.seekToBeginning(tps);
            } else {
                consumer.seekToEnd(tps);
            }
            long seen = 0;
            long lastRecord = System.nanoTime();
            while (maxRecords == null || seen < maxRecords) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    print(out, r);
                    lastRecord = System.nanoTime();
                    if (maxRecords != null && ++seen >= maxRecords) {
                        break;
                    }
                }
                out.flush();
                if (timeout != null && System.nanoTime() - lastRecord > timeout.toNanos()) {
                    break;
                }
            }
        }
        return ExitCode.OK;
    }

    private void print(PrintStream out, ConsumerRecord<byte[], byte[]> r) {
        StringBuilder line = new StringBuilder();
        line.append(r.topic()).append('[').append(r.partition()).append("]@").append(r.offset())
                .append(' ').append(Instant.ofEpochMilli(r.timestamp()))
                .append(" key=").append(r.key() == null ? "null" : text(r.key()));
        if (headers) {
            for (Header h : r.headers()) {
                line.append("\n    ").append(h.key()).append(": ").append(h.value() == null ? "null" : text(h.value()));
            }
        }
        line.append('\n').append("  ").append(value(r.value()));
        out.println(line);
    }

    private String value(byte[] bytes) {
        if (bytes == null) {
            return "null (tombstone)";
        }
        if (pretty) {
            try {
                Object v = Json.MAPPER.readValue(bytes, Object.class);
                return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(v).replace("\n", "\n  ");
            } catch (IOException e) {
                return text(bytes);
            }
        }
        return text(bytes);
    }

    /** UTF-8 text as it is; anything else as hex, so binary never garbles the terminal. */
    static String text(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return s.chars().anyMatch(c -> c < 0x20 && c != '\t') ? s.replaceAll("\\p{Cntrl}", "\uFFFD") : s;
        } catch (CharacterCodingException e) {
            return "0x" + java.util.HexFormat.of().formatHex(bytes);
        }
    }
}
