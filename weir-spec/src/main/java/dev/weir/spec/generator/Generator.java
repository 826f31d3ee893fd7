package dev.weir.spec.generator;

import dev.weir.spec.Names;
import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Metadata;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * kind: Generator — produces realistic JSON records into a topic, at a steady rate.
 * <pre>
 * spec:
 *   topic: transactions
 *   rate: 20              # records per second, default 10
 *   count: 5000           # stop after this many; omitted: run until stopped
 *   seed: 42              # same seed, same records (apart from timestamps of 'now')
 *   key: customer_id      # this field's value becomes the record key
 *   badRecords: 0.02      # share of deliberately broken records, default 0
 *   fields:
 *     transaction_id: { uuid: {} }
 *     customer_id:    { sequence: { start: 1, end: 200, prefix: "c-" } }
 *     amount:         { lognormal: { median: 40, sigma: 1.0 }, round: 2 }
 * </pre>
 * Each field is described by a {@link FieldSpec}; {@link #fields()} keeps the order they were written in.
 */
public record Generator(Metadata metadata, String topic, double rate, Optional<Long> count, Optional<Long> seed,
                        Optional<String> key, double badRecords, Map<String, FieldSpec> fields, Position pos) {

    public static final double DEFAULT_RATE = 10.0;

    public static final ResourceDoc DOC = new ResourceDoc("Generator", "Data generator",
            "Produces realistic JSON records into a topic at a steady rate, so a pipeline can be tried out without "
                    + "a real data source. weir up runs every generator of the project.",
            "generators/*.yaml",
            ValueType.object(
                    FieldDoc.required("topic", ValueType.string(), "The topic records are produced to."),
                    FieldDoc.optional("rate", ValueType.number(), "10",
                            "Records per second, greater than 0; spread evenly over each second."),
                    FieldDoc.optional("count", ValueType.integer(), "endless", "Stop after this many records."),
                    FieldDoc.optional("seed", ValueType.integer(), "random",
                            "With a seed, every run makes the same records (timestamps apart)."),
                    FieldDoc.optional("key", ValueType.string(), "no key",
                            "The field whose value becomes the record key, as text; one of the fields."),
                    FieldDoc.optional("badRecords", ValueType.number(), "0",
                            "Share of deliberately broken records, from 0 to 1."),
                    FieldDoc.required("fields", ValueType.mapOf(FieldParser.FIELD),
                            "The record's fields, in the order they appear in the JSON.")),
            true,
            """
            apiVersion: weir.dev/v1
            kind: Generator
            metadata: { name: transactions }
            spec:
              topic: transactions
              rate: 20
              seed: 42
              key: customer_id
              badRecords: 0.02
              fields:
                transaction_id: { uuid: {} }
                customer_id:    { sequence: { start: 1, end: 200, prefix: "c-" } }
                amount:         { lognormal: { median: 40, sigma: 1.0 }, round: 2 }
                country:        { weighted: { DE: 5, FR: 3, US: 1 } }
                ts:             { timestamp: now, jitter: 5s }
                tags:           { list: { of: { choice: [new, vip, promo] }, max: 3 } }
            """);

    public Generator {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public String name() {
        return metadata.name();
    }

    /** The generator kinds a field may use, e.g. {@code uniform}. */
    public static Set<String> fieldKinds() {
        return FieldParser.kinds();
    }

    public static Generator parse(Metadata metadata, YNode spec) {
        Fields f = Fields.of(spec, "generator spec");
        f.optional("topic");
        f.optional("fields");
        double rate = f.optional("rate").map(Generator::rate).orElse(DEFAULT_RATE);
        Optional<Long> count = f.optional("count").map(n -> {
            long c = FieldValues.longValue(n, "count");
            if (c <= 0) {
                throw SpecException.at(n.pos(), "'count' must be greater than 0, found " + c,
                        "leave it out to produce until stopped");
            }
            return c;
        });
        Optional<Long> seed = f.optional("seed").map(n -> FieldValues.longValue(n, "seed"));
        Optional<YNode> keyNode = f.optional("key");
        Optional<String> key = keyNode.map(n -> Fields.string(n, "key"));
        double badRecords = f.optional("badRecords").map(n -> FieldValues.share(n, "badRecords")).orElse(0.0);
        f.finish();
        String topic = f.requiredString("topic");
        Map<String, FieldSpec> fields = FieldParser.fields(f.required("fields"), "");
        if (key.isPresent() && !fields.containsKey(key.get())) {
            throw SpecException.at(keyNode.get().pos(), "'key' names no declared field: '" + key.get() + "'",
                    Names.hint(key.get(), fields.keySet()));
        }
        return new Generator(metadata, topic, rate, count, seed, key, badRecords, fields, spec.pos());
    }

    private static double rate(YNode n) {
        double rate = Fields.number(n, "rate");
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw SpecException.at(n.pos(), "'rate' must be greater than 0, found " + Fields.scalarText(n, "rate"),
                    "it is records per second, e.g. rate: 10 or rate: 0.5");
        }
        return rate;
    }
}
