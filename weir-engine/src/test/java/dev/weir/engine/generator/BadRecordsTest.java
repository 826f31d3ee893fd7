package dev.weir.engine.generator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.weir.engine.generator.TestGenerators.factory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BadRecordsTest {

    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static final String FIELDS = """
            id: { sequence: {} }
            amount: { lognormal: { median: 40 }, round: 2 }
            merchant: { choice: [m-1, m-2] }
            active: { boolean: 0.5 }
            """;

    static final Map<String, JsonNodeType> TYPES = new LinkedHashMap<>(Map.of(
            "id", JsonNodeType.NUMBER, "amount", JsonNodeType.NUMBER,
            "merchant", JsonNodeType.STRING, "active", JsonNodeType.BOOLEAN));

    /** Why a record would fail a pipeline's checks, or empty if it is a well-formed record. */
    static Optional<String> problem(GeneratedRecord r) {
        JsonNode node;
        try {
            node = STRICT.readTree(r.value());
        } catch (IOException e) {
            return Optional.of("not JSON");
        }
        if (node == null || !node.isObject()) {
            return Optional.of("not an object");
        }
        for (Map.Entry<String, JsonNodeType> t : TYPES.entrySet()) {
            if (!node.has(t.getKey())) {
                return Optional.of("missing " + t.getKey());
            }
            if (node.get(t.getKey()).getNodeType() != t.getValue()) {
                return Optional.of("wrong type of " + t.getKey());
            }
        }
        return node.size() == TYPES.size() ? Optional.empty() : Optional.of("extra fields");
    }

    @Test
    void theShareOfBadRecordsIsRightAndEachReallyIsBad() {
        RecordFactory f = factory("seed: 5\nbadRecords: 0.1", FIELDS);
        int n = 10_000;
        Map<BadRecordKind, Integer> kinds = new EnumMap<>(BadRecordKind.class);
        int bad = 0;
        for (int i = 0; i < n; i++) {
            GeneratedRecord r = f.next();
            Optional<String> problem = problem(r);
            if (r.bad()) {
                bad++;
                kinds.merge(r.badKind().get(), 1, Integer::sum);
                assertThat(problem).as("bad record %s: %s", r.badKind().get(), r.valueText()).isPresent();
                String expected = switch (r.badKind().get()) {
                    case TRUNCATED_JSON, NOT_JSON -> "not JSON";
                    case WRONG_TYPE -> "wrong type";
                    case MISSING_FIELD -> "missing";
                };
                assertThat(problem.get()).startsWith(expected);
            } else {
                assertThat(problem).as("good record %s", r.valueText()).isEmpty();
            }
        }
        assertThat(bad / (double) n).isCloseTo(0.1, within(0.015));
        assertThat(kinds).containsOnlyKeys(BadRecordKind.values());
        for (int k : kinds.values()) {
            assertThat(k / (double) bad).isCloseTo(0.25, within(0.06));
        }
    }

    @Test
    void wrongTypePrefersNumbersAsText() {
        RecordFactory f = factory("seed: 8\nbadRecords: 1", FIELDS);
        int numbersAsText = 0;
        int wrongType = 0;
        for (int i = 0; i < 2000; i++) {
            GeneratedRecord r = f.next();
            assertThat(r.bad()).isTrue();
            if (r.badKind().get() == BadRecordKind.WRONG_TYPE) {
                wrongType++;
                String p = problem(r).orElseThrow();
                if (p.equals("wrong type of id") || p.equals("wrong type of amount")) {
                    numbersAsText++;
                }
            }
        }
        assertThat(numbersAsText).isEqualTo(wrongType);
    }

    @Test
    void keysStayWithBadRecords() {
        RecordFactory f = factory("seed: 3\nbadRecords: 1\nkey: merchant", FIELDS);
        for (int i = 0; i < 200; i++) {
            assertThat(f.next().key()).isIn("m-1", "m-2");
        }
    }

    @Test
    void withoutBadRecordsAllAreGood() {
        RecordFactory f = factory("seed: 4", FIELDS);
        for (int i = 0; i < 2000; i++) {
            GeneratedRecord r = f.next();
            assertThat(r.bad()).isFalse();
            assertThat(problem(r)).isEmpty();
        }
    }

    @Test
    void wrongTypeFallsBackToMissingFieldWhenAllValuesAreNull() {
        RecordFactory f = factory("seed: 1\nbadRecords: 1", "x: { constant: a, nullRate: 1 }\ny: { uuid: {}, nullRate: 1 }");
        for (int i = 0; i < 200; i++) {
            assertThat(f.next().badKind()).isNotEqualTo(Optional.of(BadRecordKind.WRONG_TYPE));
        }
    }
}
