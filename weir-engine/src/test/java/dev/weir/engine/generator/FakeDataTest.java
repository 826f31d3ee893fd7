package dev.weir.engine.generator;

import dev.weir.spec.generator.FakeKind;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.weir.engine.generator.RecordFactoryTest.draw;
import static dev.weir.engine.generator.TestGenerators.factory;
import static org.assertj.core.api.Assertions.assertThat;

class FakeDataTest {

    static List<String> fake(String kind, int n) {
        return draw(factory("seed: 99", "x: { fake: " + kind + " }"), n).stream()
                .map(v -> (String) v.get("x")).collect(Collectors.toList());
    }

    /** The Luhn check, written out independently of the generator's. */
    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    @Test
    void cardNumbersPassLuhn() {
        for (String card : fake("card_number", 10_000)) {
            assertThat(card).matches("(4\\d{15})|(5[1-5]\\d{14})");
            assertThat(luhn(card)).as(card).isTrue();
        }
        assertThat(luhn("4111111111111111")).isTrue();
        assertThat(luhn("4111111111111112")).isFalse();
    }

    @Test
    void emailsLookLikeEmails() {
        List<String> emails = fake("email", 10_000);
        assertThat(emails).allMatch(e -> e.matches("[a-z][a-z0-9.]*[a-z0-9]@[a-z]+(\\.[a-z]+)*\\.[a-z]{2,}"), "an e-mail address");
        assertThat(new HashSet<>(emails)).hasSizeGreaterThan(1000);
    }

    @Test
    void ibansHaveValidCheckDigits() {
        for (String iban : fake("iban", 2000)) {
            assertThat(iban).matches("[A-Z]{2}\\d{14,22}");
            String rearranged = iban.substring(4) + iban.substring(0, 4);
            StringBuilder numeric = new StringBuilder();
            rearranged.chars().forEach(c -> numeric.append(Character.isDigit(c) ? String.valueOf(c - '0') : String.valueOf(c - 'A' + 10)));
            assertThat(new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue()).as(iban).isEqualTo(1);
        }
        // the example from ISO 13616
        assertThat(FakeData.ibanCheckDigits("GB", "WEST12345698765432")).isEqualTo(82);
    }

    @Test
    void otherKinds() {
        assertThat(fake("name", 500)).allMatch(n -> n.matches("[A-Z][a-z]+ [A-Za-z ]+"));
        assertThat(fake("first_name", 500)).allMatch(FakeData.FIRST_NAMES::contains);
        assertThat(fake("city", 500)).allMatch(FakeData.CITIES::contains);
        assertThat(fake("country_code", 500)).allMatch(c -> c.matches("[A-Z]{2}"));
        assertThat(fake("phone", 500)).allMatch(p -> p.matches("\\+\\d{1,3} \\d{3} \\d{7}"));
        assertThat(fake("company", 500)).allMatch(c -> c.split(" ").length == 3);
        assertThat(fake("street_address", 500)).allMatch(s -> s.matches("\\d{1,3} [A-Z][a-z]+ [A-Z][a-z]+"));
        assertThat(fake("ip", 2000)).allSatisfy(ip -> {
            String[] parts = ip.split("\\.");
            assertThat(parts).hasSize(4);
            for (String p : parts) {
                assertThat(Integer.parseInt(p)).isBetween(0, 255);
            }
        });
        Set<String> uuids = new HashSet<>(fake("uuid", 1000));
        assertThat(uuids).hasSize(1000).allMatch(u -> UUID.fromString(u).version() == 4 && UUID.fromString(u).variant() == 2);
    }

    @Test
    void everyFakeKindProducesText() {
        for (FakeKind kind : FakeKind.values()) {
            List<Map<String, Object>> rows = draw(factory("seed: 1", "x: { fake: " + kind.yamlName() + " }"), 20);
            assertThat(rows).as(kind.yamlName()).allMatch(v -> v.get("x") instanceof String s && !s.isBlank());
        }
    }
}
