package dev.weir.spec.yaml;

import dev.weir.spec.Position;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it was written. Loading YAML straight into a generic tree
 * loses line and column; every Weir error message needs them, so the marks are kept here.
 */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {

    Position pos();

    /** What kind of node this is, in words for error messages. */
    String describe();

    /** A mapping; keys keep the order they were written in. */
    record YMap(Map<String, Entry> entries, Position pos) implements YNode {
        public YMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public record Entry(String key, Position keyPos, YNode value) {
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        public YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record YSeq(List<YNode> items, Position pos) implements YNode {
        public YSeq {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar with the type YAML's core schema resolves it to (so {@code 5} and {@code "5"} differ),
     * and how it was written, which says where its text starts.
     */
    record YScalar(String text, Type type, Position pos, Style style) implements YNode {
        public enum Type { STRING, INT, FLOAT, BOOL, NULL }

        /** {@code plain}, {@code 'quoted'} or {@code "quoted"}, or a {@code |} or {@code >} block. */
        public enum Style { PLAIN, QUOTED, BLOCK }

        public YScalar(String text, Type type, Position pos) {
            this(text, type, pos, Style.PLAIN);
        }

        public boolean isNull() {
            return type == Type.NULL;
        }

        @Override
        public String describe() {
            return switch (type) {
                case STRING -> "a string";
                case INT -> "an integer";
                case FLOAT -> "a number";
                case BOOL -> "a boolean";
                case NULL -> "null";
            };
        }
    }
}
