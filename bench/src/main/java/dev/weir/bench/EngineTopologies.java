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
import com.fasterxml.jackson.databind.node.NullNode;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
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

    static Topology build(Workload w, PipelineBench.Topics t) {
        String in = t.in();
        String out = t.out();
        String customers = t.customers();
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
            case FULL -> full(b, source, t);
            default -> throw new IllegalArgumentException(w.toString());
        }
        return b.build();
    }

    private static final Set<String> REQUIRED = Set.of("transaction_id", "customer_id", "merchant_id", "amount",
            "card_number", "ts");
    private static final Set<String> CURRENCIES = Set.of("EUR", "USD", "GBP");

    /** Why a transaction is invalid, or null: the example's validate step. */
    static String invalid(JsonNode v) {
        for (String field : REQUIRED) {
            if (!v.hasNonNull(field)) {
                return "required field " + field + " is missing";
            }
        }
        if (!v.get("amount").isNumber() || !v.get("card_number").isTextual() || !v.get("customer_id").isTextual()) {
            return "wrong type";
        }
        if (!(v.get("amount").asDouble() > 0)) {
            return "positive-amount";
        }
        if (!CURRENCIES.contains(v.path("currency").asText())) {
            return "known-currency";
        }
        return null;
    }

    /** The example's pipeline: validate, mask, enrich, flag, route alerts, per-merchant minute statistics. */
    private static void full(StreamsBuilder b, KStream<String, JsonNode> source, PipelineBench.Topics t) {
        Serde<JsonNode> json = jsonSerde(JsonNode.class);
        GlobalKTable<String, JsonNode> table = b.globalTable(t.customers(), Consumed.with(Serdes.String(), json));
        var checked = source.split(Named.as("validate-"))
                .branch((k, v) -> invalid(v) != null, Branched.as("invalid"))
                .defaultBranch(Branched.as("valid"));
        checked.get("validate-invalid").processValues(() -> new FixedKeyProcessor<String, JsonNode, JsonNode>() {
            private FixedKeyProcessorContext<String, JsonNode> context;

            @Override
            public void init(FixedKeyProcessorContext<String, JsonNode> context) {
                this.context = context;
            }

            @Override
            public void process(FixedKeyRecord<String, JsonNode> r) {
                r.headers().add("error", invalid(r.value()).getBytes(StandardCharsets.UTF_8));
                context.forward(r);
            }
        }).to(t.dlq(), Produced.with(Serdes.String(), json));
        ThreadLocal<Mac> mac = ThreadLocal.withInitial(EngineTopologies::mac);
        KStream<String, JsonNode> scored = checked.get("validate-valid")
                .mapValues(v -> {
                    ObjectNode o = (ObjectNode) v;
                    String card = o.path("card_number").asText();
                    o.put("card_last4", card.substring(card.length() - 4));
                    o.put("card_number", HexFormat.of().formatHex(mac.get().doFinal(card.getBytes(StandardCharsets.UTF_8))));
                    return (JsonNode) o;
                })
                .leftJoin(table, (k, v) -> v.path("customer_id").asText(), (v, c) -> {
                    ObjectNode o = (ObjectNode) v;
                    o.set("customer", c == null ? NullNode.getInstance() : c);
                    o.put("suspicious", o.path("amount").asDouble() > 1000.0 && c != null
                            && !c.path("country").equals(o.path("country")));
                    return (JsonNode) o;
                });
        scored.filter((k, v) -> v.path("suspicious").asBoolean()).to(t.alerts(), Produced.with(Serdes.String(), json));
        scored.groupBy((k, v) -> v.path("merchant_id").asText(), Grouped.with("by-merchant", Serdes.String(), json))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
                .aggregate(MerchantStats::new, (k, v, s) -> s.add(v),
                        Materialized.<String, MerchantStats, WindowStore<Bytes, byte[]>>as("merchant-stats")
                                .withKeySerde(Serdes.String()).withValueSerde(jsonSerde(MerchantStats.class)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream()
                .map((wk, s) -> {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("merchant_id", wk.key());
                    o.put("window_start", Instant.ofEpochMilli(wk.window().start()).toString());
                    o.put("window_end", Instant.ofEpochMilli(wk.window().end()).toString());
                    o.put("transactions", s.transactions);
                    o.put("total", s.total);
                    o.put("average", s.total / s.transactions);
                    o.put("largest", s.largest);
                    o.put("customers", s.customers.size());
                    return KeyValue.pair(wk.key(), (JsonNode) o);
                })
                .to(t.stats(), Produced.with(Serdes.String(), json));
        scored.to(t.out(), Produced.with(Serdes.String(), json));
    }

    /** count, sum, avg, max of amount and count_distinct of customer_id, of one merchant and window. */
    public static final class MerchantStats {
        public long transactions;
        public double total;
        public double largest = Double.NEGATIVE_INFINITY;
        public Set<String> customers = new HashSet<>();

        MerchantStats add(JsonNode v) {
            double amount = v.path("amount").asDouble();
            transactions++;
            total += amount;
            largest = Math.max(largest, amount);
            customers.add(v.path("customer_id").asText());
            return this;
        }
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
