package dev.weir.engine.record;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WithFieldTest {

    private static Map<String, Object> record() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "t-1");
        m.put("amount", 12.5);
        m.put("customer", "c-7");
        return m;
    }

    /** What the view stands for: a copy of the record with the field put. */
    private static Map<String, Object> copied(Map<String, Object> base, String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(name, value);
        return m;
    }

    @Test
    void aNewFieldComesLastAndTheRecordIsLeftAsItWas() {
        Map<String, Object> base = record();
        Map<String, Object> row = Map.of("country", "FR");

        WithField view = new WithField(base, "customer_row", row);

        assertThat(new ArrayList<>(view.keySet())).containsExactly("id", "amount", "customer", "customer_row");
        assertThat(view).isEqualTo(copied(base, "customer_row", row)).hasSize(4);
        assertThat(view.get("customer_row")).isSameAs(row);
        assertThat(view.get("amount")).isEqualTo(12.5);
        assertThat(view.containsKey("customer_row")).isTrue();
        assertThat(view.containsKey("missing")).isFalse();
        assertThat(base).isEqualTo(record());
    }

    @Test
    void aFieldTheRecordHasKeepsItsPlaceWithTheNewValue() {
        Map<String, Object> base = record();

        WithField view = new WithField(base, "amount", null);

        assertThat(new ArrayList<>(view.entrySet())).extracting(Map.Entry::getKey).containsExactly("id", "amount", "customer");
        assertThat(view).isEqualTo(copied(base, "amount", null)).hasSize(3).containsEntry("amount", null);
        assertThat(base).containsEntry("amount", 12.5);
    }

    @Test
    void itIsWrittenAsTheCopyWouldBe() {
        Map<String, Object> base = record();
        Map<String, Object> row = new LinkedHashMap<>(Map.of("country", "FR"));

        assertThat(new String(Json.write(new WithField(base, "customer", row)), StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.write(copied(base, "customer", row)), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"t-1\",\"amount\":12.5,\"customer\":{\"country\":\"FR\"}}");
    }

    @Test
    void changingTheViewFailsRatherThanChangingTheRecordBehindIt() {
        WithField view = new WithField(record(), "x", 1L);

        assertThatThrownBy(() -> view.put("y", 2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new LinkedHashMap<>(view)).as("a step that changes records copies it first")
                .containsEntry("x", 1L).hasSize(4);
    }
}
