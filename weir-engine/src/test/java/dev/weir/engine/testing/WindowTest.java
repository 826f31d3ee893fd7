package dev.weir.engine.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WindowTest {

    private static final String PER_MINUTE = """
            apiVersion: weir.dev/v1
            kind: Pipeline
            metadata: { name: per-minute }
            spec:
              source: { topic: payments, timestamp: ts }
              steps:
                - aggregate:
                    groupBy: shop
                    window: { tumbling: 1m, grace: 10s }
                    emit: final
                    compute: { payments: "count()", total: "sum(amount)" }
              sink: { topic: shop-minutes }
            """;

    @TempDir
    Path dir;

    private TestProject minutes(String payments, String expect) {
        return new TestProject(dir).file("pipelines/p.yaml", PER_MINUTE).cases("""
                - name: a minute of payments
                  input:
                    payments:
                """ + payments.indent(6) + "  expect:\n" + expect.indent(4));
    }

    private static final String IN_THE_MINUTE = """
            - { value: { shop: s1, amount: 5, ts: "2026-01-01T10:00:05Z" } }
            - { value: { shop: s1, amount: 7, ts: "2026-01-01T10:00:55Z" } }
            """;

    @Test
    void aWindowStaysOpenWhileStreamTimeIsWithinItsGrace() {
        minutes(IN_THE_MINUTE + """
                - { value: { shop: s1, amount: 1, ts: "2026-01-01T10:01:09Z" } }
                """, "shop-minutes: []").passes();
    }

    @Test
    void aLaterRecordClosesTheWindowAndItsResultComesOut() {
        minutes(IN_THE_MINUTE + """
                - { value: { shop: s2, amount: 1, ts: "2026-01-01T10:03:00Z" } }
                """, """
                shop-minutes:
                  match: exact
                  records:
                    - key: s1
                      value: { shop: s1, window_start: "2026-01-01T10:00:00Z", window_end: "2026-01-01T10:01:00Z",
                               payments: 2, total: 12 }
                """).passes();
    }

    @Test
    void wallClockTimeDoesNotCloseAWindow() {
        Failure f = minutes(IN_THE_MINUTE, "shop-minutes: { count: 1 }").cases("""
                - name: only the clock moves
                  input:
                    payments:
                      - { value: { shop: s1, amount: 5, ts: "2026-01-01T10:00:05Z" } }
                  advanceTime: 1h
                  expect:
                    shop-minutes: { count: 1 }
                """).failure();

        assertThat(f.message()).isEqualTo("shop-minutes: expected 1 record, got 0");
    }
}
