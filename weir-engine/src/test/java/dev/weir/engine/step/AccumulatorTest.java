package dev.weir.engine.step;

import dev.weir.spec.step.AggregateStep.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccumulatorTest {

    private static final Map<String, Function> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("n", Function.COUNT);
        COLUMNS.put("total", Function.SUM);
        COLUMNS.put("average", Function.AVG);
        COLUMNS.put("low", Function.MIN);
        COLUMNS.put("high", Function.MAX);
        COLUMNS.put("distinct", Function.COUNT_DISTINCT);
    }

    /** One record's arguments, as {@link AggregateArguments} forwards them: nulls left out. */
    private static Map<String, Object> args(Number amount, String customer) {
        Map<String, Object> m = new HashMap<>();
        if (amount != null) {
            List.of("total", "average", "low", "high").forEach(c -> m.put(c, amount));
        }
        if (customer != null) {
            m.put("distinct", customer);
        }
        return m;
    }

    private static Accumulator of(List<Map<String, Object>> records) {
        Accumulator acc = new Accumulator(COLUMNS);
        records.forEach(acc::add);
        return acc;
    }

    private static Map<String, Object> expected(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void mergingTwoAccumulatorsGivesWhatAddingEveryRecordToOneGives() {
        List<Map<String, Object>> first = List.of(args(3L, "a"), args(2.5, "b"), args(null, null));
        List<Map<String, Object>> second = List.of(args(10L, "a"), args(-1L, "c"));
        Accumulator all = of(List.of(first.get(0), first.get(1), first.get(2), second.get(0), second.get(1)));

        Accumulator merged = of(first).merge(of(second));

        assertThat(merged.results()).isEqualTo(all.results()).isEqualTo(expected(
                "n", 5L, "total", 14.5, "average", 3.625, "low", -1L, "high", 10L, "distinct", 3L));
    }

    @Test
    void mergingIntegerSumsKeepsThemExactLongs() {
        Accumulator merged = of(List.of(args(3L, null))).merge(of(List.of(args(4L, null))));

        assertThat(merged.results()).containsEntry("total", 7L).containsEntry("average", 3.5);
    }

    @Test
    void mergingWithAnEmptySessionChangesNothing() {
        Accumulator merged = new Accumulator(COLUMNS).merge(of(List.of(args(2.0, "a"))));

        assertThat(merged.results()).isEqualTo(expected(
                "n", 1L, "total", 2.0, "average", 2.0, "low", 2.0, "high", 2.0, "distinct", 1L));
    }

    @Test
    void aGroupThatOnlySawNullsHasCountsButNullNumbers() {
        Accumulator acc = of(List.of(args(null, null)));

        assertThat(acc.results()).isEqualTo(expected(
                "n", 1L, "total", null, "average", null, "low", null, "high", null, "distinct", 0L));
    }

    @Test
    void aSumThatOverflowsALongBecomesADouble() {
        Accumulator acc = of(List.of(args(Long.MAX_VALUE, null), args(Long.MAX_VALUE, null)));

        assertThat(acc.results().get("total")).isEqualTo(2.0 * Long.MAX_VALUE);
    }

    @Test
    void storedStateReadsBackWithTheSameTypesAndKeepsAccumulating() {
        Serde<Accumulator> serde = Accumulator.serde(COLUMNS);
        Accumulator acc = of(List.of(args(3L, "a"), args(2.5, "b")));

        Accumulator read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", acc));
        read.add(args(1L, "a"));

        assertThat(read.results()).isEqualTo(expected(
                "n", 3L, "total", 6.5, "average", 6.5 / 3, "low", 1L, "high", 3L, "distinct", 2L));
    }

    @Test
    void aColumnAddedLaterStartsEmptyOnStoredState() {
        Map<String, Function> before = Map.of("n", Function.COUNT);
        byte[] stored = Accumulator.serde(before).serializer().serialize("t", new Accumulator(before).add(Map.of()));

        Accumulator read = Accumulator.serde(COLUMNS).deserializer().deserialize("t", stored);

        assertThat(read.results()).containsEntry("n", 1L).containsEntry("distinct", 0L).containsEntry("total", null);
    }

    @Test
    void theStoredFormatStaysAsItWas() {
        Map<String, Function> columns = new LinkedHashMap<>();
        columns.put("n", Function.COUNT);
        columns.put("s", Function.SUM);
        columns.put("m", Function.MAX);
        columns.put("d", Function.COUNT_DISTINCT);
        Accumulator acc = new Accumulator(columns);
        acc.add(Map.of("s", -3L, "m", 2.5, "d", "é"));
        acc.add(Map.of("s", 1L, "m", 7L));

        byte[] stored = Accumulator.serde(columns).serializer().serialize("t", acc);

        assertThat(HexFormat.of().formatHex(stored)).isEqualTo(
                "01" + "04"                                                // format 1, four columns
                        + "016e" + "00000002" + "00" + "02"                // "n": no fields, n=2
                        + "0173" + "0000000b" + "01" + "02" + "c000000000000000" + "03" // "s": sum -2.0, long -2 (zigzag 3)
                        + "016d" + "00000004" + "04" + "02" + "01" + "0e"  // "m": max 7 as a long (zigzag 14)
                        + "0164" + "00000006" + "08" + "01" + "01" + "02c3a9"); // "d": n=1, {"é"}
    }

    @Test
    void storedStateReadsBackExactlyWhateverTheValues() {
        Serde<Accumulator> serde = Accumulator.serde(COLUMNS);
        Accumulator acc = of(List.of(args(new BigInteger("123456789012345678901234567890"), "ünï"),
                args(Long.MIN_VALUE / 2, "a"), args(-0.25, "b")));

        Accumulator read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", acc));

        assertThat(read.results()).isEqualTo(acc.results());
        assertThat(read.results().get("high")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(read.results().get("low")).isEqualTo(Long.MIN_VALUE / 2);
    }

    @Test
    void storedStateWithColumnsItDoesNotKnowSkipsThem() {
        Map<String, Function> before = new LinkedHashMap<>();
        before.put("gone", Function.COUNT_DISTINCT);
        before.put("total", Function.SUM);
        byte[] stored = Accumulator.serde(before).serializer().serialize("t",
                new Accumulator(before).add(Map.of("gone", "x", "total", 4L)));

        Accumulator read = Accumulator.serde(COLUMNS).deserializer().deserialize("t", stored);

        assertThat(read.results()).containsEntry("total", 4L).containsEntry("n", 0L).containsEntry("distinct", 0L);
    }

    @Test
    void truncatedStoredStateIsAnErrorThatSaysWhere() {
        Serde<Accumulator> serde = Accumulator.serde(COLUMNS);
        byte[] stored = serde.serializer().serialize("t", of(List.of(args(3L, "a"))));

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(stored, stored.length - 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("aggregate state on t cannot be read")
                .hasMessageContaining("ends early");
    }

    @Test
    void aColumnThatRunsPastItsLengthIsAnError() {
        Map<String, Function> columns = Map.of("n", Function.COUNT);
        byte[] stored = HexFormat.of().parseHex("01" + "01" + "016e" + "00000001" + "00" + "02");

        assertThatThrownBy(() -> Accumulator.serde(columns).deserializer().deserialize("t", stored))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("column n runs past its length");
    }

    @Test
    void stateStoredAsJsonByEarlierVersionsStillReads() {
        String stored = "{\"n\":{\"n\":2},\"total\":{\"n\":2,\"sum\":5.5,\"long\":3,\"decimal\":true},"
                + "\"average\":{\"n\":2,\"sum\":5.5,\"long\":3,\"decimal\":true},\"low\":{\"n\":2,\"v\":2.5},"
                + "\"high\":{\"n\":2,\"v\":3},\"distinct\":{\"n\":2,\"set\":[\"a\"]}}";

        Accumulator read = Accumulator.serde(COLUMNS).deserializer().deserialize("t", stored.getBytes(StandardCharsets.UTF_8));

        assertThat(read.results()).isEqualTo(expected(
                "n", 2L, "total", 5.5, "average", 2.75, "low", 2.5, "high", 3L, "distinct", 1L));
        assertThat(read.add(args(1L, "b")).results()).containsEntry("distinct", 2L).containsEntry("low", 1L);
    }

    @Test
    void storedStateWithColumnsAndFieldsItDoesNotKnowStillReads() {
        String stored = "{\"gone\":{\"n\":9,\"set\":[\"x\"]},\"n\":{\"n\":4,\"extra\":{\"deep\":[1,{\"a\":2}]}},"
                + "\"total\":{\"n\":1,\"sum\":2.0,\"long\":2,\"decimal\":false},\"low\":{\"n\":1,\"v\":2},"
                + "\"high\":{\"n\":1,\"v\":null},\"distinct\":{\"n\":3,\"set\":[\"a\",1,\"b\"]},\"average\":7}";

        Accumulator read = Accumulator.serde(COLUMNS).deserializer().deserialize("t", stored.getBytes(StandardCharsets.UTF_8));

        assertThat(read.results()).isEqualTo(expected(
                "n", 4L, "total", 2L, "average", null, "low", 2L, "high", null, "distinct", 3L));
        assertThat(read.add(args(1L, "1")).results()).containsEntry("distinct", 3L).containsEntry("low", 1L);
    }
}
