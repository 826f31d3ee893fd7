package dev.weir.engine.generator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.weir.engine.generator.TestGenerators.CLOCK;
import static dev.weir.engine.generator.TestGenerators.factory;
import static dev.weir.engine.generator.TestGenerators.generator;
import static org.assertj.core.api.Assertions.assertThat;

class RecordFactoryTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String ALL_KINDS = """
            transaction_id: { uuid: {} }
            seq_no:        { sequence: { start: 1 } }
            customer_id:   { sequence: { start: 1, end: 200, prefix: "c-" } }
            customer_ref:  { uniform: { min: 1, max: 200, integer: true }, format: "c-%d" }
            amount:        { lognormal: { median: 40, sigma: 1.0 }, round: 2 }
            score:         { normal: { mean: 0.5, stddev: 0.1 }, min: 0, max: 1 }
            merchant_id:   { choice: [m-1, m-2, m-3] }
            country:       { weighted: { DE: 5, FR: 3, US: 1 } }
            name:          { fake: name }
            ts:            { timestamp: now, jitter: 5s }
            active:        { boolean: 0.9 }
            note:          { constant: "hello" }
            tags:          { list: { of: { choice: [a, b] }, min: 0, max: 3 } }
            address:       { object: { city: { fake: city }, zip: { uniform: { min: 10000, max: 99999, integer: true } } } }
            nullable_x:    { choice: [a, b], nullRate: 0.1 }
            """;

    static Map<String, Object> values(GeneratedRecord r) {
        try {
            return JSON.readValue(r.value(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> draw(RecordFactory f, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(values(f.next()));
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameRecords() {
        RecordFactory a = factory("seed: 42\nkey: customer_id\nbadRecords: 0.1", ALL_KINDS);
        RecordFactory b = factory("seed: 42\nkey: customer_id\nbadRecords: 0.1", ALL_KINDS);
        for (int i = 0; i < 2000; i++) {
            GeneratedRecord x = a.next();
            GeneratedRecord y = b.next();
            assertThat(x.valueText()).isEqualTo(y.valueText());
            assertThat(x.key()).isEqualTo(y.key());
            assertThat(x.badKind()).isEqualTo(y.badKind());
        }
    }

    @Test
    void differentOrNoSeedGivesDifferentRecords() {
        String a = factory("seed: 1", ALL_KINDS).next().valueText();
        assertThat(factory("seed: 2", ALL_KINDS).next().valueText()).isNotEqualTo(a);
        assertThat(factory("", ALL_KINDS).next().valueText()).isNotEqualTo(factory("", ALL_KINDS).next().valueText());
    }

    @Test
    void valuesAreJsonObjectsInDeclaredOrder() {
        RecordFactory f = factory("seed: 7", ALL_KINDS);
        Map<String, Object> v = values(f.next());
        assertThat(v.keySet()).containsExactly("transaction_id", "seq_no", "customer_id", "customer_ref", "amount",
                "score", "merchant_id", "country", "name", "ts", "active", "note", "tags", "address", "nullable_x");
        assertThat(v.get("seq_no")).isEqualTo(1);
        assertThat(v.get("customer_id")).isEqualTo("c-1");
        assertThat(v.get("note")).isEqualTo("hello");
        assertThat(v.get("active")).isInstanceOf(Boolean.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) v.get("address");
        assertThat(address.keySet()).containsExactly("city", "zip");
        assertThat(FakeData.CITIES).contains((String) address.get("city"));
        assertThat(((Number) address.get("zip")).intValue()).isBetween(10000, 99999);
    }

    @Test
    void keyIsTheKeyFieldsValueAsText() {
        RecordFactory f = factory("seed: 1\nkey: id", "id: { sequence: { start: 5 } }\nx: { constant: 1 }");
        assertThat(f.next().key()).isEqualTo("5");
        assertThat(f.next().key()).isEqualTo("6");
        assertThat(factory("", "x: { constant: 1 }").next().key()).isNull();
        RecordFactory nulls = factory("seed: 1\nkey: id", "id: { constant: a, nullRate: 1 }");
        assertThat(nulls.next().key()).isNull();
    }

    @Test
    void sequencesCountAndCycle() {
        RecordFactory f = factory("", """
                c: { sequence: { start: 1, end: 3, prefix: "c-" } }
                down: { sequence: { start: 10, step: -5, end: 0 } }
                plain: { sequence: {} }
                """);
        List<Object> c = new ArrayList<>();
        List<Object> down = new ArrayList<>();
        List<Object> plain = new ArrayList<>();
        for (Map<String, Object> v : draw(f, 7)) {
            c.add(v.get("c"));
            down.add(v.get("down"));
            plain.add(v.get("plain"));
        }
        assertThat(c).containsExactly("c-1", "c-2", "c-3", "c-1", "c-2", "c-3", "c-1");
        assertThat(down).containsExactly(10, 5, 0, 10, 5, 0, 10);
        assertThat(plain).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void formatAppliesToAnyField() {
        RecordFactory f = factory("seed: 3", """
                ref: { uniform: { min: 1, max: 200, integer: true }, format: "c-%d" }
                price: { uniform: { min: 0, max: 10 }, format: "%.1f EUR" }
                id: { sequence: {}, format: "order-%05d" }
                flag: { boolean: 0.5, format: "%b!" }
                """);
        for (Map<String, Object> v : draw(f, 500)) {
            assertThat((String) v.get("ref")).matches("c-\\d{1,3}");
            assertThat(Integer.parseInt(((String) v.get("ref")).substring(2))).isBetween(1, 200);
            assertThat((String) v.get("price")).matches("\\d+\\.\\d EUR");
            assertThat((String) v.get("flag")).matches("(true|false)!");
        }
        assertThat(values(factory("", "id: { sequence: { start: 42 }, format: \"order-%05d\" }").next()).get("id"))
                .isEqualTo("order-00042");
    }

    @Test
    void nullRateGivesThatShareOfNulls() {
        RecordFactory f = factory("seed: 11", "x: { choice: [a, b], nullRate: 0.1 }\ny: { uuid: {}, nullRate: 0.5 }");
        int xNulls = 0;
        int yNulls = 0;
        for (Map<String, Object> v : draw(f, 10_000)) {
            assertThat(v).containsKeys("x", "y");
            xNulls += v.get("x") == null ? 1 : 0;
            yNulls += v.get("y") == null ? 1 : 0;
        }
        assertThat(xNulls / 10_000.0).isBetween(0.085, 0.115);
        assertThat(yNulls / 10_000.0).isBetween(0.47, 0.53);
    }

    @Test
    void timestampsFollowTheClock() {
        RecordFactory f = factory("seed: 5", """
                now: { timestamp: now }
                late: { timestamp: now, jitter: 5s }
                millis: { timestamp: epoch_millis }
                """);
        Instant now = CLOCK.instant();
        Set<Object> lates = new HashSet<>();
        for (Map<String, Object> v : draw(f, 1000)) {
            assertThat(v.get("now")).isEqualTo("2025-06-01T12:00:00.250Z");
            assertThat(((Number) v.get("millis")).longValue()).isEqualTo(now.toEpochMilli());
            Instant late = Instant.parse((String) v.get("late"));
            assertThat(late).isBetween(now.minusSeconds(5), now);
            lates.add(late);
        }
        assertThat(lates).hasSizeGreaterThan(500);
    }

    @Test
    void listsHaveBetweenMinAndMaxItems() {
        RecordFactory f = factory("seed: 9", "tags: { list: { of: { choice: [a, b] }, min: 1, max: 3 } }\n"
                + "ids: { list: { of: { sequence: {} }, min: 2, max: 2 } }");
        Set<Integer> sizes = new HashSet<>();
        List<Object> ids = new ArrayList<>();
        for (Map<String, Object> v : draw(f, 1000)) {
            List<?> tags = (List<?>) v.get("tags");
            sizes.add(tags.size());
            assertThat(tags).allMatch(t -> t.equals("a") || t.equals("b"));
            ids.addAll((List<?>) v.get("ids"));
        }
        assertThat(sizes).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(ids.subList(0, 4)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void generatorFromTheSpecExampleMakesGoodRecords() {
        RecordFactory f = new RecordFactory(generator("seed: 1\nkey: customer_id", ALL_KINDS));
        for (int i = 0; i < 1000; i++) {
            GeneratedRecord r = f.next();
            assertThat(r.bad()).isFalse();
            assertThat(r.key()).startsWith("c-");
            assertThat(values(r)).hasSize(15);
        }
    }
}
