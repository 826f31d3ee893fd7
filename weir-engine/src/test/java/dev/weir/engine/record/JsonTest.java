package dev.weir.engine.record;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records are read and written by hand-walking Jackson's parser and generator: they must agree with Jackson's own binding. */
class JsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryJsonTypeAsCelSeesIt() throws IOException {
        Map<String, Object> m = Json.parseObject(utf8("""
                {"s": "a\\u00e9\\"b", "i": 42, "neg": -7, "big": 123456789012345678901234567890, "d": 1.5, "e": 2e3,
                 "t": true, "f": false, "n": null, "o": {"x": [1, "two", [3.0], {}]}, "empty": []}"""));
        assertThat(m).containsExactly(
                Map.entry("s", "aé\"b"), Map.entry("i", 42L), Map.entry("neg", -7L),
                Map.entry("big", new BigInteger("123456789012345678901234567890")), Map.entry("d", 1.5),
                Map.entry("e", 2000.0), Map.entry("t", true), Map.entry("f", false),
                new java.util.AbstractMap.SimpleEntry<>("n", null),
                Map.entry("o", Map.of("x", List.of(1L, "two", List.of(3.0), Map.of()))), Map.entry("empty", List.of()));
        assertThat(m).isInstanceOf(LinkedHashMap.class);
        assertThat(m.get("o")).isInstanceOf(LinkedHashMap.class);
        assertThat(((Map<?, ?>) m.get("o")).get("x")).isInstanceOf(ArrayList.class);
    }

    @Test
    void agreesWithJacksonsMapBinding() throws IOException {
        String doc = "{\"id\":\"t-1\",\"amount\":12.75,\"n\":3,\"tags\":[\"a\",null,true],\"nested\":{\"k\":{\"v\":-0.0}},\"k\":1,\"k\":2}";
        Object viaJackson = Json.MAPPER.readValue(doc, Map.class);
        assertThat(Json.parseObject(utf8(doc))).isEqualTo(viaJackson);
        assertThat(Json.parseObject(utf8(doc)).get("k")).isEqualTo(2L); // the last of duplicate keys wins
    }

    @Test
    void rejectsWhatIsNotOneObject() {
        assertThatThrownBy(() -> Json.parseObject(utf8("{\"a\": 1} {\"b\": 2}"))).isInstanceOf(IOException.class)
                .hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> Json.parseObject(utf8("{\"a\": 1"))).isInstanceOf(IOException.class)
                .hasMessageContaining("Unexpected end-of-input");
        assertThatThrownBy(() -> Json.parseObject(utf8("{\"a\": tru}"))).isInstanceOf(IOException.class)
                .hasMessageContaining("Unrecognized token 'tru'");
        assertThatThrownBy(() -> Json.parseObject(utf8("[1]"))).isInstanceOf(IOException.class)
                .hasMessage("expected a JSON object");
        assertThatThrownBy(() -> Json.parseObject(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}))
                .isInstanceOf(IOException.class).hasMessageContaining("Invalid UTF-8");
        assertThatThrownBy(() -> Json.parseObject("{\"a\":".repeat(1200).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void writesMapsAsJacksonDoes() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "line\nbreak \"quoted\" é");
        m.put("l", 9_007_199_254_740_993L);
        m.put("d", 0.1);
        m.put("nan", Double.NaN);
        m.put("i", 7);
        m.put("b", false);
        m.put("n", null);
        m.put("dec", new BigDecimal("1.10"));
        m.put("list", Arrays.asList(1L, null, List.of("x")));
        Map<Object, Object> nested = new HashMap<>();
        nested.put(5L, "long key");
        m.put("nested", nested);
        assertThat(new String(Json.write(m), StandardCharsets.UTF_8))
                .isEqualTo(Json.MAPPER.writeValueAsString(m))
                .startsWith("{\"s\":\"line\\nbreak \\\"quoted\\\" é\",\"l\":9007199254740993,\"d\":0.1,\"nan\":\"NaN\"");
        assertThat(Json.parseObject(Json.write(Map.of("a", List.of(1L, 2.5))))).isEqualTo(Map.of("a", List.of(1L, 2.5)));
    }

    @Test
    void aFieldWithoutANameCannotBeWritten() {
        Map<String, Object> m = new HashMap<>();
        m.put(null, 1L);
        assertThatThrownBy(() -> Json.write(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null key");
    }
}
