package dev.weir.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a benchmark run processes: the Weir pipeline's steps, and the input records. Records are
 * JSON card transactions padded to about {@code size} bytes; one in twenty has a negative amount
 * (the stateless workload filters it out, the full one dead-letters it).
 */
enum Workload {
    STATELESS("""
                - filter: "amount > 0.0"
                - map:
                    set:
                      card_last4: "card_number.substring(size(card_number) - 4)"
                - mask:
                    fields: [card_number]
                    method: hash
                    salt: bench-salt
            """),
    STATEFUL("""
                - aggregate:
                    groupBy: merchant_id
                    window: { tumbling: 1m, grace: 10s }
                    compute:
                      transactions: "count()"
                      customers: "count_distinct(customer_id)"
            """),
    ENRICHMENT("""
                - enrich:
                    table: $CUSTOMERS
                    key: customer_id
                    as: customer
            """),
    /** The example project's pipeline (examples/fraud-detection), with the record's key and timestamp. */
    FULL("""
                - validate:
                    required: [transaction_id, customer_id, merchant_id, amount, card_number, ts]
                    types: { amount: number, card_number: string, customer_id: string }
                    rules:
                      - { name: positive-amount, expr: "amount > 0" }
                      - { name: known-currency, expr: "currency in ['EUR', 'USD', 'GBP']" }
                - map:
                    set:
                      card_last4: "card_number.substring(size(card_number) - 4)"
                - mask:
                    fields: [card_number]
                    method: hash
                    salt: bench-salt
                - enrich:
                    table: $CUSTOMERS
                    key: customer_id
                    as: customer
                - map:
                    set:
                      suspicious: "amount > 1000.0 && customer != null && customer.country != country"
                - route:
                    - { when: "suspicious", to: $ALERTS, continue: true }
                - aggregate:
                    groupBy: merchant_id
                    window: { tumbling: 1m, grace: 10s }
                    emit: final
                    compute:
                      transactions: "count()"
                      total: "sum(amount)"
                      average: "avg(amount)"
                      largest: "max(amount)"
                      customers: "count_distinct(customer_id)"
                    to: $STATS
            """);

    static final int CUSTOMERS = 1000;
    static final int MERCHANTS = 100;
    static final String SALT = "bench-salt";

    private final String steps;

    Workload(String steps) {
        this.steps = steps;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How many of the first {@code n} records the pipeline writes to its sink. */
    long expectedOutputs(long n) {
        return this == STATELESS || this == FULL ? n - (n + 19) / 20 : n;
    }

    /** Whether the workload looks customers up in a table. */
    boolean readsCustomers() {
        return this == ENRICHMENT || this == FULL;
    }

    static boolean dropped(long i) {
        return i % 20 == 0;
    }

    /** The pipeline's YAML, reading {@code in} and writing {@code out}. */
    String pipelineYaml(String name, PipelineBench.Topics t, boolean exactlyOnce) {
        return """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: %s }
                spec:
                  source: { topic: %s, format: json }
                  steps:
                %s  sink: { topic: %s, format: json }
                  errors: { deadLetterTopic: %s }
                  processing: { guarantee: %s }
                """.formatted(name, t.in(), steps.replace("$CUSTOMERS", t.customers()).replace("$ALERTS", t.alerts())
                        .replace("$STATS", t.stats()), t.out(), t.dlq(),
                exactlyOnce ? "exactly-once" : "at-least-once");
    }

    /** Record {@code i}: a JSON transaction of about {@code size} bytes, event time {@code ts}. */
    static byte[] record(long i, long ts, int size) {
        String head = String.format(Locale.ROOT,
                "{\"transaction_id\":\"t-%09d\",\"customer_id\":\"c-%04d\",\"merchant_id\":\"m-%03d\","
                        + "\"amount\":%s,\"currency\":\"EUR\",\"country\":\"DE\",\"card_number\":\"4111%012d\","
                        + "\"ts\":%d,\"note\":\"",
                i, i % CUSTOMERS, (i * 7) % MERCHANTS, dropped(i) ? "-1.5" : String.format(Locale.ROOT, "%d.%02d", 1 + i % 2000, i % 100),
                i % 1_000_000_000_000L, ts);
        int pad = Math.max(0, size - head.length() - 2);
        return (head + "x".repeat(pad) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static String key(long i) {
        return String.format(Locale.ROOT, "c-%04d", i % CUSTOMERS);
    }

    static byte[] customer(int c) {
        return String.format(Locale.ROOT, "{\"customer_id\":\"c-%04d\",\"name\":\"Customer %d\",\"country\":\"%s\",\"segment\":\"retail\"}",
                c, c, c % 3 == 0 ? "FR" : "DE").getBytes(StandardCharsets.UTF_8);
    }
}
