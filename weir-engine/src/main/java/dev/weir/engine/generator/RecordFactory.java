package dev.weir.engine.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.spec.generator.Generator;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;

/**
 * Makes the records of a {@link Generator}, one per {@link #next()}. With a seed the sequence of
 * records is always the same, apart from timestamps, which follow the clock. Not thread-safe.
 * <p>
 * A share of {@link Generator#badRecords()} of the records are deliberately broken in one of the
 * ways {@link BadRecordKind} describes, chosen with equal chance: truncated JSON, a field with the
 * wrong type, a missing field, or a line of text that is not JSON.
 */
public final class RecordFactory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BadRecordKind[] BAD_KINDS = BadRecordKind.values();
    private static final List<String> NOT_NUMBERS = List.of("abc", "n/a", "twelve");

    private final RandomGenerator random;
    private final Map<String, FieldSampler> fields;
    private final Optional<String> keyField;
    private final double badShare;

    /** Timestamps from the system clock, in UTC. */
    public RecordFactory(Generator generator) {
        this(generator, Clock.systemUTC());
    }

    public RecordFactory(Generator generator, Clock clock) {
        this.random = generator.seed().map(SplittableRandom::new).orElseGet(SplittableRandom::new);
        this.fields = FieldSampler.samplers(generator.fields(), random, clock);
        this.keyField = generator.key();
        this.badShare = generator.badRecords();
    }

    public GeneratedRecord next() {
        Map<String, Object> values = FieldSampler.sample(fields);
        String key = keyField.map(values::get).map(RecordFactory::keyText).orElse(null);
        if (badShare > 0 && random.nextDouble() < badShare) {
            return broken(BAD_KINDS[random.nextInt(BAD_KINDS.length)], key, values);
        }
        return new GeneratedRecord(key, json(values), Optional.empty());
    }

    private GeneratedRecord broken(BadRecordKind kind, String key, Map<String, Object> values) {
        byte[] bytes = switch (kind) {
            case TRUNCATED_JSON -> {
                String text = new String(json(values), StandardCharsets.UTF_8);
                yield text.substring(0, 1 + random.nextInt(text.length() - 1)).getBytes(StandardCharsets.UTF_8);
            }
            case WRONG_TYPE -> {
                Map<String, Object> changed = withWrongType(values);
                if (changed == null) {
                    kind = BadRecordKind.MISSING_FIELD;
                    yield json(withoutOneField(values));
                }
                yield json(changed);
            }
            case MISSING_FIELD -> json(withoutOneField(values));
            case NOT_JSON -> {
                StringJoiner line = new StringJoiner(" ", "record ", "");
                values.forEach((name, value) -> line.add(name + "=" + value));
                yield line.toString().getBytes(StandardCharsets.UTF_8);
            }
        };
        return new GeneratedRecord(key, bytes, Optional.of(kind));
    }

    /** A copy with one non-null field's value swapped for one of another type, or null if all are null. */
    private Map<String, Object> withWrongType(Map<String, Object> values) {
        List<String> numbers = new ArrayList<>();
        List<String> others = new ArrayList<>();
        values.forEach((name, value) -> {
            if (value instanceof Number) {
                numbers.add(name);
            } else if (value != null) {
                others.add(name);
            }
        });
        List<String> candidates = numbers.isEmpty() ? others : numbers;
        if (candidates.isEmpty()) {
            return null;
        }
        String name = FakeData.pick(candidates, random);
        Object old = values.get(name);
        Object wrong;
        if (old instanceof Number) {
            wrong = FakeData.pick(NOT_NUMBERS, random);
        } else if (old instanceof Boolean) {
            wrong = "yes";
        } else if (old instanceof String) {
            wrong = 12345;
        } else {
            wrong = "n/a";
        }
        Map<String, Object> out = new LinkedHashMap<>(values);
        out.put(name, wrong);
        return out;
    }

    private Map<String, Object> withoutOneField(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        out.remove(FakeData.pick(new ArrayList<>(values.keySet()), random));
        return out;
    }

    private static String keyText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return new String(json(value), StandardCharsets.UTF_8);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
