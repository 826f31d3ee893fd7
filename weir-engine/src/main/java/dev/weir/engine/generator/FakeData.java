package dev.weir.engine.generator;

import dev.weir.spec.generator.FakeKind;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Realistic-looking personal and business data from small built-in word lists. Nothing here is
 * real: e-mail addresses use example domains, card numbers and IBANs only have valid check digits.
 */
final class FakeData {

    static final List<String> FIRST_NAMES = List.of(
            "Anna", "Ben", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Karin", "Liam",
            "Maria", "Noah", "Olivia", "Paul", "Rosa", "Samuel", "Tara", "Victor", "Yara", "Zoe", "Amir", "Chloe",
            "Daniel", "Emma", "Fatima", "Hannah", "Isabel", "Jakob", "Kenji", "Lena", "Mateo", "Nina", "Omar",
            "Priya", "Sofia", "Lucas", "Mia", "Leon", "Julia", "Aisha", "Pedro", "Lucia", "Marek", "Sven", "Ingrid",
            "Thomas", "Sarah", "James", "Emily", "Oliver", "Charlotte", "Ethan", "Mei", "Ravi", "Zara", "Lars");

    static final List<String> LAST_NAMES = List.of(
            "Smith", "Novak", "Garcia", "Muller", "Rossi", "Dubois", "Jansen", "Kowalski", "Silva", "Nielsen",
            "Andersson", "Virtanen", "Horvat", "Papadopoulos", "Murphy", "Schmidt", "Fischer", "Weber", "Martin",
            "Bernard", "Lopez", "Fernandez", "Costa", "Bianchi", "Romano", "de Vries", "Peeters", "Hansen", "Berg",
            "Nowak", "Svoboda", "Nagy", "Walsh", "Brown", "Taylor", "Wilson", "Clarke", "Johnson", "Lee", "Wang",
            "Tanaka", "Sato", "Kim", "Patel", "Singh", "Khan", "Haddad", "Okafor", "Mensah", "Cohen", "Ivanova");

    static final List<String> CITIES = List.of(
            "Berlin", "Hamburg", "Munich", "Cologne", "Paris", "Lyon", "Marseille", "Madrid", "Barcelona", "Lisbon",
            "Porto", "Rome", "Milan", "Vienna", "Zurich", "Amsterdam", "Rotterdam", "Brussels", "Copenhagen",
            "Stockholm", "Oslo", "Helsinki", "Warsaw", "Prague", "Budapest", "Dublin", "London", "Manchester",
            "Edinburgh", "New York", "Chicago", "Austin", "Seattle", "Toronto", "Montreal", "Sydney", "Melbourne",
            "Tokyo", "Osaka", "Singapore", "Sao Paulo", "Mexico City");

    static final List<String> COUNTRY_CODES = List.of(
            "DE", "FR", "ES", "PT", "IT", "AT", "CH", "NL", "BE", "DK", "SE", "NO", "FI", "PL", "CZ", "HU", "IE",
            "GB", "US", "CA", "AU", "JP", "SG", "BR", "IN", "MX");

    private static final List<String> COMPANY_WORDS = List.of(
            "Acme", "Northwind", "Bluebird", "Silverline", "Redwood", "Brightside", "Ironbridge", "Greenfield",
            "Lakeside", "Summit", "Pioneer", "Harbor", "Maple", "Granite", "Sunrise", "Atlas", "Nimbus", "Crescent",
            "Evergreen", "Falcon");
    private static final List<String> COMPANY_TRADES = List.of(
            "Logistics", "Foods", "Systems", "Analytics", "Motors", "Textiles", "Energy", "Software", "Retail",
            "Pharma", "Media", "Labs", "Holdings", "Travel", "Insurance");
    private static final List<String> COMPANY_FORMS = List.of("Inc.", "Ltd", "GmbH", "AG", "SA", "BV", "LLC");

    private static final List<String> STREET_NAMES = List.of(
            "Market", "Station", "Church", "Park", "Mill", "High", "Bridge", "King", "Queen", "Lake", "Garden",
            "River", "Elm", "Cedar", "Hill", "Harbour", "Castle", "Meadow", "Forest", "Orchard");
    private static final List<String> STREET_TYPES = List.of("Street", "Road", "Avenue", "Lane", "Way", "Square");

    private static final List<String> EMAIL_DOMAINS = List.of(
            "example.com", "example.org", "example.net", "mail.example.com", "shop.example");

    private static final List<String> PHONE_PREFIXES = List.of("+1", "+44", "+49", "+33", "+34", "+39", "+31", "+46", "+48");

    /** IBAN country and the number of digits of its account part. */
    private static final List<String> IBAN_COUNTRIES = List.of("DE", "AT", "BE", "ES", "FI", "DK");
    private static final int[] IBAN_DIGITS = {18, 16, 12, 20, 14, 14};

    private FakeData() {
    }

    static Object make(FakeKind kind, RandomGenerator r) {
        return switch (kind) {
            case NAME -> pick(FIRST_NAMES, r) + " " + pick(LAST_NAMES, r);
            case FIRST_NAME -> pick(FIRST_NAMES, r);
            case LAST_NAME -> pick(LAST_NAMES, r);
            case EMAIL -> email(r);
            case CITY -> pick(CITIES, r);
            case COUNTRY_CODE -> pick(COUNTRY_CODES, r);
            case CARD_NUMBER -> cardNumber(r);
            case IBAN -> iban(r);
            case PHONE -> pick(PHONE_PREFIXES, r) + " " + digits(r, 3) + " " + digits(r, 7);
            case COMPANY -> pick(COMPANY_WORDS, r) + " " + pick(COMPANY_TRADES, r) + " " + pick(COMPANY_FORMS, r);
            case STREET_ADDRESS -> (1 + r.nextInt(250)) + " " + pick(STREET_NAMES, r) + " " + pick(STREET_TYPES, r);
            case IP -> ip(r);
            case UUID -> uuid(r);
        };
    }

    static <T> T pick(List<T> list, RandomGenerator r) {
        return list.get(r.nextInt(list.size()));
    }

    /** A version-4 UUID from the given random source, so that a seed makes it repeatable. */
    static String uuid(RandomGenerator r) {
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static String email(RandomGenerator r) {
        String first = letters(pick(FIRST_NAMES, r));
        String last = letters(pick(LAST_NAMES, r));
        String local = switch (r.nextInt(4)) {
            case 0 -> first + "." + last;
            case 1 -> first.charAt(0) + last;
            case 2 -> first + "." + last + r.nextInt(100);
            default -> first + r.nextInt(1000);
        };
        return local + "@" + pick(EMAIL_DOMAINS, r);
    }

    private static String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static String ip(RandomGenerator r) {
        int first = r.nextInt(11, 224);
        if (first == 127) {
            first = 128;
        }
        return first + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private static String digits(RandomGenerator r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    /** 16 digits starting like Visa (4) or Mastercard (51-55), with a Luhn check digit. */
    private static String cardNumber(RandomGenerator r) {
        String start = r.nextBoolean() ? "4" : "5" + (1 + r.nextInt(5));
        String body = start + digits(r, 15 - start.length());
        return body + luhnCheckDigit(body);
    }

    /** The digit that makes {@code body + digit} pass the Luhn check. */
    static int luhnCheckDigit(String body) {
        int sum = 0;
        boolean twice = true; // the rightmost digit of body will be second from the right
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    private static String iban(RandomGenerator r) {
        int i = r.nextInt(IBAN_COUNTRIES.size());
        String country = IBAN_COUNTRIES.get(i);
        String account = digits(r, IBAN_DIGITS[i]);
        return country + String.format(Locale.ROOT, "%02d", ibanCheckDigits(country, account)) + account;
    }

    /** ISO 13616 check digits: 98 minus (account, country, "00" with letters as 10..35) mod 97. */
    static int ibanCheckDigits(String country, String account) {
        String rearranged = account + country + "00";
        int mod = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            mod = (v > 9 ? mod * 100 + v : mod * 10 + v) % 97;
        }
        return 98 - mod;
    }
}
