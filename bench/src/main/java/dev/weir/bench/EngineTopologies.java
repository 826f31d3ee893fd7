package dev.weir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The workloads written directly against Kafka Streams, as one would without Weir: Jackson
 * {@link JsonNode} values, the DSL, and one class per aggregate state.
 */
final class EngineTopologies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineTopologies() {
    }

    static Topology build(Workload w, String in, String out, String customers) {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, JsonNode> source = b.stream(in, Consumed.with(Serdes.String(), jsonSerde(JsonNode.class)));
        switch (w) {
            case STATELESS -> {
                ThreadLocal<Mac> mac = ThreadLocal.withInitial(EngineTopologies::mac);
                source.filter((k, v) -> v.path("amount").asDouble() > 0.0)
                        .mapValues(v -> {
                            ObjectNode o = (ObjectNode) v;
                            String card = o.path("card_number").asText();
                            o.put("card_last4", card.substring(card.length() - 4));
                            o.put("card_number", HexFormat.of().formatHex(
                                    mac.get().doFinal(card.getBytes(StandardCharsets.UTF_8))));
                            return (JsonNode) o;
                        })
                        .to(out, Produced.with(Serdes.String(), jsonSerde(JsonNode.class)));
            }
            case STATEFUL -> source
                    .groupBy((k, v) -> v.path("merchant_id").asText(),
                            Grouped.with("by-merchant", Serdes.String(), jsonSerde(JsonNode.class)))
                    .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
                    .aggregate(Stats::new, (k, v, s) -> s.add(v.path("customer_id").asText()),
                            Materialized.<String, Stats, WindowStore<Bytes, byte[]>>as("stats")
                                    .withKeySerde(Serdes.String()).withValueSerde(jsonSerde(Stats.class))
                                    .withCachingDisabled())
                    .toStream()
                    .map((wk, s) -> {
                        ObjectNode o = JSON.createObjectNode();
                        o.put("merchant_id", wk.key());
                        o.put("window_start", Instant.ofEpochMilli(wk.window().start()).toString());
                        o.put("window_end", Instant.ofEpochMilli(wk.window().end()).toString());
                        o.put("transactions", s.transactions);
                        o.put("customers", s.customers.size());
                        return KeyValue.pair(wk.key(), (JsonNode) o);
                    })
                    .to(out, Produced.with(Serdes.String(), jsonSerde(JsonNode.class)));
            case ENRICHMENT -> {
                GlobalKTable<String, JsonNode> table = b.globalTable(customers,
                        Consumed.with(Serdes.String(), jsonSerde(JsonNode.class)));
                source.leftJoin(table, (k, v) -> v.path("customer_id").asText(),
                                (v, c) -> (JsonNode) ((ObjectNode) v).set("customer", c))
                        .to(out, Produced.with(Serdes.String(), jsonSerde(JsonNode.class)));
            }
            default -> throw new IllegalArgumentException(w.toString());
        }
        return b.build();
    }

    /** count() and count_distinct(customer_id) of one merchant and window. */
    public static final class Stats {
        public long transactions;
        public Set<String> customers = new HashSet<>();

        Stats add(String customer) {
            transactions++;
            customers.add(customer);
            return this;
        }
    }

    private static Mac mac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(Workload.SALT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> Serde<T> jsonSerde(Class<T> type) {
        Serializer<T> ser = (topic, v) -> {
            try {
                return v == null ? null : JSON.writeValueAsBytes(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Deserializer<T> de = (topic, bytes) -> {
            try {
                return bytes == null ? null : JSON.readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }
}
