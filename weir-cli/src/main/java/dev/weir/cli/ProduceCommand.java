package dev.weir.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.engine.record.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Send records to a topic: one JSON value per line, from a file or standard input.",
                "Every line is checked first; if one is not valid JSON nothing is sent."},
        footer = {"", "Examples:",
                "  echo '{\"id\": 1, \"amount\": 12.5}' | weir produce transactions --key-field id",
                "  weir produce customers --file customers.jsonl --key-field customer_id"})
final class ProduceCommand implements Callable<Integer> {

    @ParentCommand
    WeirCommand root;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read from this file instead of standard input.")
    Path file;

    @Option(names = "--key-field", paramLabel = "FIELD", description = "Use this field of each JSON object as the record key.")
    String keyField;

    @Option(names = {"-k", "--key"}, paramLabel = "KEY", description = "Use this key for every record.")
    String key;

    @Option(names = "--raw", description = "Send each line as it is, without checking it is JSON.")
    boolean raw;

    record Line(int number, String key, String value) {
    }

    @Override
    public Integer call() throws IOException {
        String source = file == null ? "<stdin>" : file.toString();
        List<Line> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (BufferedReader reader = file == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                String recordKey = key;
                if (!raw) {
                    JsonNode node;
                    try {
                        node = Json.MAPPER.readTree(text);
                    } catch (JsonProcessingException e) {
                        long col = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
                        errors.add(source + ":" + number + ":" + col + ": error: invalid JSON: " + e.getOriginalMessage());
                        continue;
                    }
                    if (keyField != null) {
                        JsonNode k = node.get(keyField);
                        if (k == null || k.isNull() || k.isContainerNode()) {
                            errors.add(source + ":" + number + ":1: error: no value for key field '" + keyField + "'");
                            continue;
                        }
                        recordKey = k.asText();
                    }
                }
                lines.add(new Line(number, recordKey, text));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(ExitCode.USAGE, "no such file: " + file);
        }
        if (!errors.isEmpty()) {
            errors.forEach(root.err::println);
            throw new UserError(ExitCode.USAGE, errors.size() + " bad line(s); nothing was sent");
        }
        Map<String, Object> props = cluster.clientConfig();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Line l : lines) {
                sent.add(producer.send(new ProducerRecord<>(topic, l.key(), l.value())));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new UserError(ExitCode.FAILURE, "sent " + i + " of " + lines.size() + " records; line "
                            + lines.get(i).number() + " failed: " + cause.getMessage());
                }
            }
        }
        root.out.printf("produced %d record(s) to %s%n", lines.size(), topic);
        return ExitCode.OK;
    }
}
