package dev.weir.spec.generator;

import dev.weir.spec.model.Metadata;
import dev.weir.spec.yaml.Interpolator;
import dev.weir.spec.yaml.YNode;
import dev.weir.spec.yaml.YamlFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorParseTest {

    static final String FULL = """
            apiVersion: weir.dev/v1
            kind: Generator
            metadata: { name: transactions }
            spec:
              topic: transactions
              rate: 20
              count: 5000
              seed: 42
              key: customer_id
              badRecords: 0.02
              fields:
                transaction_id: { uuid: {} }
                seq_no:        { sequence: { start: 1 } }
                customer_id:   { sequence: { start: 1, end: 200, prefix: "c-" } }
                customer_ref:  { uniform: { min: 1, max: 200, integer: true }, format: "c-%d" }
                amount:        { lognormal: { median: 40, sigma: 1.0 }, round: 2 }
                score:         { normal: { mean: 0.5, stddev: 0.1 }, min: 0, max: 1 }
                merchant_id:   { choice: [m-1, m-2, m-3] }
                country:       { weighted: { DE: 5, FR: 3, US: 1 } }
                name:          { fake: name }
                ts:            { timestamp: now }
                late_ts:       { timestamp: now, jitter: 5s }
                millis:        { timestamp: epoch_millis }
                active:        { boolean: 0.9 }
                note:          { constant: "hello" }
                tags:          { list: { of: { choice: [a, b] }, min: 0, max: 3 } }
                address:       { object: { city: { fake: city }, zip: { uniform: { min: 10000, max: 99999, integer: true } } } }
                nullable_x:    { choice: [a, b], nullRate: 0.1 }
            """;

    static Generator parse(String text) {
        YNode.YMap doc = (YNode.YMap) YamlFiles.parse(text, "generators/x.yaml",
                new Interpolator(Map.of(), Path.of("."))).get(0);
        return Generator.parse(Metadata.parse(doc.get("metadata")), doc.get("spec"));
    }

    static String withFields(String fields) {
        return """
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: g }
                spec:
                  topic: t
                  fields:
                """ + fields.indent(4);
    }

    @Test
    void parsesTheSettings() {
        Generator g = parse(FULL);
        assertThat(g.name()).isEqualTo("transactions");
        assertThat(g.topic()).isEqualTo("transactions");
        assertThat(g.rate()).isEqualTo(20.0);
        assertThat(g.count()).contains(5000L);
        assertThat(g.seed()).contains(42L);
        assertThat(g.key()).contains("customer_id");
        assertThat(g.badRecords()).isEqualTo(0.02);
        assertThat(g.pos().toString()).isEqualTo("generators/x.yaml:5:3");
    }

    @Test
    void fieldsKeepTheirDeclaredOrder() {
        assertThat(parse(FULL).fields().keySet()).containsExactly("transaction_id", "seq_no", "customer_id",
                "customer_ref", "amount", "score", "merchant_id", "country", "name", "ts", "late_ts", "millis",
                "active", "note", "tags", "address", "nullable_x");
    }

    @Test
    void parsesEveryFieldKind() {
        Map<String, FieldSpec> f = parse(FULL).fields();
        assertThat(f.get("transaction_id").gen()).isEqualTo(new FieldGen.Uuid());
        assertThat(f.get("seq_no").gen()).isEqualTo(new FieldGen.Sequence(1, 1, Optional.empty(), Optional.empty()));
        assertThat(f.get("customer_id").gen()).isEqualTo(new FieldGen.Sequence(1, 1, Optional.of(200L), Optional.of("c-")));
        assertThat(f.get("customer_ref").gen()).isEqualTo(new FieldGen.Uniform(1, 200, true));
        assertThat(f.get("customer_ref").format()).contains("c-%d");
        assertThat(f.get("amount").gen()).isEqualTo(new FieldGen.LogNormal(40, 1.0));
        assertThat(f.get("amount").round()).contains(2);
        assertThat(f.get("score").gen()).isEqualTo(new FieldGen.Normal(0.5, 0.1));
        assertThat(f.get("score").min()).contains(0.0);
        assertThat(f.get("score").max()).contains(1.0);
        assertThat(f.get("merchant_id").gen()).isEqualTo(new FieldGen.Choice(List.of("m-1", "m-2", "m-3")));
        assertThat(((FieldGen.Weighted) f.get("country").gen()).weights())
                .containsExactly(Map.entry("DE", 5.0), Map.entry("FR", 3.0), Map.entry("US", 1.0));
        assertThat(f.get("name").gen()).isEqualTo(new FieldGen.Fake(FakeKind.NAME));
        assertThat(f.get("ts").gen()).isEqualTo(new FieldGen.Timestamp(FieldGen.Timestamp.Style.NOW, Duration.ZERO));
        assertThat(f.get("late_ts").gen())
                .isEqualTo(new FieldGen.Timestamp(FieldGen.Timestamp.Style.NOW, Duration.ofSeconds(5)));
        assertThat(f.get("millis").gen())
                .isEqualTo(new FieldGen.Timestamp(FieldGen.Timestamp.Style.EPOCH_MILLIS, Duration.ZERO));
        assertThat(f.get("active").gen()).isEqualTo(new FieldGen.Bool(0.9));
        assertThat(f.get("note").gen()).isEqualTo(new FieldGen.Constant("hello"));
        FieldGen.ListOf tags = (FieldGen.ListOf) f.get("tags").gen();
        assertThat(tags.min()).isZero();
        assertThat(tags.max()).isEqualTo(3);
        assertThat(tags.of().gen()).isEqualTo(new FieldGen.Choice(List.of("a", "b")));
        assertThat(tags.of().name()).isEqualTo("tags[]");
        FieldGen.ObjectOf address = (FieldGen.ObjectOf) f.get("address").gen();
        assertThat(address.fields().keySet()).containsExactly("city", "zip");
        assertThat(address.fields().get("city").gen()).isEqualTo(new FieldGen.Fake(FakeKind.CITY));
        assertThat(address.fields().get("zip").name()).isEqualTo("address.zip");
        assertThat(f.get("nullable_x").nullRate()).isEqualTo(0.1);
        assertThat(f.get("transaction_id").pos().toString()).isEqualTo("generators/x.yaml:12:21");
    }

    @Test
    void everyFakeKindParses() {
        StringBuilder fields = new StringBuilder();
        for (String kind : FakeKind.yamlNames()) {
            fields.append(kind).append(": { fake: ").append(kind).append(" }\n");
        }
        Map<String, FieldSpec> f = parse(withFields(fields.toString())).fields();
        for (FakeKind kind : FakeKind.values()) {
            assertThat(f.get(kind.yamlName()).gen()).isEqualTo(new FieldGen.Fake(kind));
        }
    }

    @Test
    void choiceAndConstantKeepYamlTypes() {
        Map<String, FieldSpec> f = parse(withFields("""
                n: { choice: [1, 2.5, true, x, null] }
                c: { constant: { a: 1, b: [x, y] } }
                u: { uuid: }
                """)).fields();
        assertThat(((FieldGen.Choice) f.get("n").gen()).values()).containsExactly(1L, 2.5, true, "x", null);
        assertThat(f.get("c").gen()).isEqualTo(new FieldGen.Constant(Map.of("a", 1L, "b", List.of("x", "y"))));
        assertThat(f.get("u").gen()).isEqualTo(new FieldGen.Uuid());
    }

    @Test
    void defaults() {
        Generator g = parse(withFields("id: { sequence: {} }\nl: { list: { of: { uuid: {} } } }"));
        assertThat(g.rate()).isEqualTo(Generator.DEFAULT_RATE);
        assertThat(g.count()).isEmpty();
        assertThat(g.seed()).isEmpty();
        assertThat(g.key()).isEmpty();
        assertThat(g.badRecords()).isZero();
        assertThat(g.fields().get("id").nullRate()).isZero();
        FieldGen.ListOf l = (FieldGen.ListOf) g.fields().get("l").gen();
        assertThat(l.min()).isZero();
        assertThat(l.max()).isEqualTo(3);
    }
}
