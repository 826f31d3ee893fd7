package dev.weir.bench;

/** Test cases for the fraud-detection pipeline, one of five kinds by number, each with its own ids. */
final class GeneratedCases {

    private GeneratedCases() {
    }

    static String of(int n) {
        String tx = "t-" + n;
        String customer = "c-" + n;
        String minute = String.format("2026-01-01T%02d:%02d", 10 + n % 12, n % 60);
        return switch (n % 5) {
            case 0 -> """
                    - name: case %1$d clean transaction
                      input:
                        transactions:
                          - key: %2$s
                            value: { transaction_id: %3$s, customer_id: %2$s, merchant_id: m-grocer, amount: %1$d.5,
                                     currency: EUR, card_number: "4111111111111111", country: DE, ts: "%4$s:05Z" }
                      expect:
                        transactions-clean:
                          records: [ { key: %2$s, value: { transaction_id: %3$s, card_last4: "1111" } } ]
                          each: "size(card_number) == 64"
                        fraud-alerts: []
                    """.formatted(n, customer, tx, minute);
            case 1 -> """
                    - name: case %1$d suspicious transaction
                      input:
                        customers:
                          - { key: %2$s, value: { customer_id: %2$s, name: Customer %1$d, country: DE } }
                        transactions:
                          - key: %2$s
                            value: { transaction_id: %3$s, customer_id: %2$s, merchant_id: m-travel, amount: 4200.0,
                                     currency: EUR, card_number: "5500000000000004", country: US, ts: "%4$s:10Z" }
                      expect:
                        fraud-alerts:
                          records: [ { key: %2$s, value: { transaction_id: %3$s, customer: { country: DE } } } ]
                    """.formatted(n, customer, tx, minute);
            case 2 -> """
                    - name: case %1$d dead letters
                      input:
                        transactions:
                          - key: %2$s
                            value: { transaction_id: %3$s, customer_id: %2$s, merchant_id: m-fuel, amount: -%1$d,
                                     currency: EUR, card_number: "4111111111111111", ts: "%4$s:30Z" }
                          - { key: %2$s, value: "{ broken %1$d" }
                      expect:
                        transactions-dlq:
                          deadLetters: [ { rule: positive-amount }, { step: source, rule: decode } ]
                        transactions-clean: { count: 0 }
                    """.formatted(n, customer, tx, minute);
            case 3 -> """
                    - name: case %1$d closed window
                      input:
                        transactions:
                          - key: %2$s
                            value: { transaction_id: %3$s-a, customer_id: %2$s, merchant_id: m-%1$d, amount: 10.0,
                                     currency: EUR, card_number: "4111111111111111", ts: "2026-01-01T10:01:05Z" }
                          - key: %2$s
                            value: { transaction_id: %3$s-b, customer_id: %2$s, merchant_id: m-%1$d, amount: 30.0,
                                     currency: EUR, card_number: "4111111111111111", ts: "2026-01-01T10:01:50Z" }
                          - key: %2$s
                            value: { transaction_id: %3$s-c, customer_id: %2$s, merchant_id: m-%1$d, amount: 5.0,
                                     currency: EUR, card_number: "4111111111111111", ts: "2026-01-01T10:03:50Z" }
                      expect:
                        merchant-stats:
                          records: [ { key: m-%1$d, value: { transactions: 2, total: 40.0, customers: 1 } } ]
                    """.formatted(n, customer, tx);
            default -> """
                    - name: case %1$d several customers
                      input:
                        customers:
                          - { key: %2$s-a, value: { customer_id: %2$s-a, country: FR } }
                          - { key: %2$s-b, value: { customer_id: %2$s-b, country: NL } }
                        transactions:
                          - key: %2$s-a
                            value: { transaction_id: %3$s-a, customer_id: %2$s-a, merchant_id: m-grocer, amount: 12.0,
                                     currency: EUR, card_number: "4111111111111111", country: FR, ts: "%4$s:01Z" }
                          - key: %2$s-b
                            value: { transaction_id: %3$s-b, customer_id: %2$s-b, merchant_id: m-grocer, amount: 13.0,
                                     currency: GBP, card_number: "4111111111111111", country: NL, ts: "%4$s:02Z" }
                      expect:
                        transactions-clean:
                          unordered:
                            - value: { transaction_id: %3$s-b, customer: { country: NL } }
                            - value: { transaction_id: %3$s-a, customer: { country: FR } }
                    """.formatted(n, customer, tx, minute);
        };
    }
}
