package dev.weir.spec.generator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What {@code fake:} makes. The YAML names are the lower-case constant names, e.g. {@code first_name}. */
public enum FakeKind {
    /** First and last name, e.g. {@code Clara Novak}. */
    NAME,
    FIRST_NAME,
    LAST_NAME,
    /** {@code clara.novak42@example.com}; always on an example domain. */
    EMAIL,
    CITY,
    /** ISO 3166 alpha-2, e.g. {@code DE}. */
    COUNTRY_CODE,
    /** 16 digits that pass the Luhn check, starting like a Visa or Mastercard number. */
    CARD_NUMBER,
    /** IBAN-shaped account number with valid ISO 13616 check digits, e.g. {@code DE44500105175407324931}. */
    IBAN,
    /** International format, e.g. {@code +49 151 2345678}. */
    PHONE,
    COMPANY,
    /** e.g. {@code 27 Market Street}. */
    STREET_ADDRESS,
    /** An IPv4 address. */
    IP,
    UUID;

    public String yamlName() {
        return name().toLowerCase();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(FakeKind::yamlName).toList();
    }

    /** Accepts {@code first_name} as well as {@code first-name}. */
    public static Optional<FakeKind> of(String yamlName) {
        String normal = yamlName.toLowerCase().replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.yamlName().equals(normal)).findFirst();
    }
}
