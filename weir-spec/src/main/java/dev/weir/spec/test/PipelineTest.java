package dev.weir.spec.test;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.model.Metadata;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kind: PipelineTest — cases that send records to some of a project's pipelines (all of them
 * when {@code pipelines} is not given) and check what they write. Run by {@code weir test}
 * without a broker.
 */
public record PipelineTest(Metadata metadata, List<PipelineRef> pipelines, List<TestCase> cases, Position pos) {

    public static final ResourceDoc DOC = new ResourceDoc("PipelineTest", "Pipeline test",
            "Cases that send records to pipelines and check what they write, run by weir test on the Kafka Streams "
                    + "test driver, without a broker. See docs/testing.md for every kind of expectation.",
            "tests/*.yaml",
            ValueType.object(
                    FieldDoc.optional("pipelines", ValueType.oneOf(ValueType.string(), ValueType.listOf(ValueType.string())),
                            "The pipelines under test (default: all of the project's), chained through their topics."),
                    FieldDoc.required("cases", ValueType.listOf(ValueType.object(
                            FieldDoc.required("name", ValueType.string(), "What the case checks, in words."),
                            FieldDoc.optional("input", ValueType.any(),
                                    "Records per topic ({topic: [{key, value, timestamp, headers}]}), or a list of "
                                            + "records each naming its topic; sent in the order written."),
                            FieldDoc.optional("advanceTime", ValueType.duration(),
                                    "Wall-clock time to advance after the input (punctuations)."),
                            FieldDoc.required("expect", ValueType.any(),
                                    "Per topic: count, records, unordered, contains, each, deadLetters, match."))),
                            "The test cases.")),
            true,
            """
            apiVersion: weir.dev/v1
            kind: PipelineTest
            metadata: { name: orders }
            spec:
              pipelines: [clean-orders]
              cases:
                - name: a positive order goes through
                  input:
                    orders:
                      - { key: o-1, value: { order_id: o-1, amount: 12.5 } }
                  expect:
                    orders-clean: { count: 1 }
            """);

    /** A pipeline the test names, and where. */
    public record PipelineRef(String name, Position pos) {
    }

    public String name() {
        return metadata.name();
    }

    /** The file the test was read from, relative to the project. */
    public String file() {
        return pos.file();
    }

    public static PipelineTest parse(Metadata metadata, YNode spec) {
        Fields f = Fields.of(spec, "test spec");
        List<PipelineRef> pipelines = f.optional("pipelines").map(n -> Fields.oneOrMany(n, "pipelines",
                i -> new PipelineRef(Fields.string(i, "pipelines"), i.pos()))).orElse(List.of());
        YNode casesNode = f.required("cases");
        List<TestCase> cases = Fields.list(casesNode, "cases", TestCase::parse);
        f.finish();
        if (cases.isEmpty()) {
            throw SpecException.at(casesNode.pos(), "test '" + metadata.name() + "' has no cases",
                    "add one: cases: [ { name: ..., input: ..., expect: ... } ]");
        }
        Map<String, Position> names = new HashMap<>();
        for (TestCase c : cases) {
            Position previous = names.putIfAbsent(c.name(), c.pos());
            if (previous != null) {
                throw SpecException.at(c.pos(), "test case '" + c.name() + "' is declared twice",
                        "first at " + previous + "; give each case its own name");
            }
        }
        return new PipelineTest(metadata, List.copyOf(pipelines), cases, spec.pos());
    }
}
