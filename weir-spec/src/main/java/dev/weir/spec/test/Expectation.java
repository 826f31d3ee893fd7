package dev.weir.spec.test;

import dev.weir.spec.Position;
import dev.weir.spec.model.Expr;

import java.util.List;

/** One check on the records of a topic. Each keeps where it was written, for failure messages. */
public sealed interface Expectation {

    Position pos();

    /** Exactly this many records. */
    record Count(int count, Position pos) implements Expectation {
    }

    /** As many records as listed, in this order, each matching its expected record. */
    record Records(List<ExpectedRecord> records, Position pos) implements Expectation {
    }

    /** As many records as listed, in any order: each expected record matches a different actual one. */
    record Unordered(List<ExpectedRecord> records, Position pos) implements Expectation {
    }

    /** Each listed record matches a different actual record; other records may come too. */
    record Contains(List<ExpectedRecord> records, Position pos) implements Expectation {
    }

    /** An expression (CEL, over the record's fields) true for every record. */
    record Each(Expr condition, Position pos) implements Expectation {
    }

    /** As many dead letters as listed, in this order, each with the listed headers. */
    record DeadLetters(List<ExpectedDeadLetter> deadLetters, Position pos) implements Expectation {
    }
}
