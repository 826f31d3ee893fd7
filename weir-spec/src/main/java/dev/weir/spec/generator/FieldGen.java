package dev.weir.spec.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the values of one generated field are made: one record per kind. In YAML the kind is the
 * one key of the field's mapping that is not a modifier ({@code format}, {@code nullRate},
 * {@code round}, {@code min}, {@code max}), e.g. {@code amount: { lognormal: { median: 40 }, round: 2 }}.
 */
public sealed interface FieldGen permits FieldGen.Uuid, FieldGen.Sequence, FieldGen.Uniform, FieldGen.Normal,
        FieldGen.LogNormal, FieldGen.Choice, FieldGen.Weighted, FieldGen.Fake, FieldGen.Timestamp, FieldGen.Bool,
        FieldGen.Constant, FieldGen.ListOf, FieldGen.ObjectOf {

    /** The kind's name in YAML, e.g. {@code uniform}. */
    String kind();

    /** Whether the values are numbers, so that {@code round}, {@code min} and {@code max} apply. */
    default boolean numeric() {
        return false;
    }

    /** {@code uuid: {}} — a random (version 4) UUID string. */
    record Uuid() implements FieldGen {
        @Override
        public String kind() {
            return "uuid";
        }
    }

    /**
     * {@code sequence: { start: 1, step: 1, end: 200, prefix: "c-" }} — counts from {@code start} by
     * {@code step}; after {@code end} it starts over. With a prefix the values are strings.
     */
    record Sequence(long start, long step, Optional<Long> end, Optional<String> prefix) implements FieldGen {
        @Override
        public String kind() {
            return "sequence";
        }

        @Override
        public boolean numeric() {
            return prefix.isEmpty();
        }
    }

    /** {@code uniform: { min: 1, max: 200, integer: true }} — integers include both ends; decimals exclude max. */
    record Uniform(double min, double max, boolean integer) implements FieldGen {
        @Override
        public String kind() {
            return "uniform";
        }

        @Override
        public boolean numeric() {
            return true;
        }
    }

    /** {@code normal: { mean: 0.5, stddev: 0.1 }} — the bell curve. */
    record Normal(double mean, double stddev) implements FieldGen {
        @Override
        public String kind() {
            return "normal";
        }

        @Override
        public boolean numeric() {
            return true;
        }
    }

    /**
     * {@code lognormal: { median: 40, sigma: 1.0 }} — positive and skewed to the right, like prices
     * and amounts: half the values lie below {@code median}, a few are many times larger.
     */
    record LogNormal(double median, double sigma) implements FieldGen {
        @Override
        public String kind() {
            return "lognormal";
        }

        @Override
        public boolean numeric() {
            return true;
        }
    }

    /** {@code choice: [m-1, m-2, m-3]} — one of the values, each equally likely. Values keep their YAML type. */
    record Choice(List<Object> values) implements FieldGen {
        public Choice {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        @Override
        public String kind() {
            return "choice";
        }
    }

    /** {@code weighted: { DE: 5, FR: 3, US: 1 }} — one of the names, in proportion to its weight. */
    record Weighted(Map<String, Double> weights) implements FieldGen {
        public Weighted {
            weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        }

        @Override
        public String kind() {
            return "weighted";
        }
    }

    /** {@code fake: email} — realistic-looking personal or business data; see {@link FakeKind}. */
    record Fake(FakeKind what) implements FieldGen {
        @Override
        public String kind() {
            return "fake";
        }
    }

    /**
     * {@code timestamp: now} (ISO-8601 UTC text) or {@code timestamp: epoch_millis} (a number), the
     * time the record is made; with {@code jitter: 5s}, randomly earlier by up to that much.
     */
    record Timestamp(Style style, Duration jitter) implements FieldGen {
        public enum Style {
            NOW("now"), EPOCH_MILLIS("epoch_millis");

            private final String yamlName;

            Style(String yamlName) {
                this.yamlName = yamlName;
            }

            public String yamlName() {
                return yamlName;
            }
        }

        @Override
        public String kind() {
            return "timestamp";
        }
    }

    /** {@code boolean: 0.9} — true with that probability. */
    record Bool(double probability) implements FieldGen {
        @Override
        public String kind() {
            return "boolean";
        }
    }

    /** {@code constant: hello} — always this value (any YAML value, including a mapping or list). */
    record Constant(Object value) implements FieldGen {
        @Override
        public String kind() {
            return "constant";
        }
    }

    /** {@code list: { of: { choice: [a, b] }, min: 0, max: 3 }} — between min and max items, both included. */
    record ListOf(FieldSpec of, int min, int max) implements FieldGen {
        @Override
        public String kind() {
            return "list";
        }
    }

    /** {@code object: { city: { fake: city }, zip: {...} }} — a nested object; fields keep their order. */
    record ObjectOf(Map<String, FieldSpec> fields) implements FieldGen {
        public ObjectOf {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String kind() {
            return "object";
        }
    }
}
