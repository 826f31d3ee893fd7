package dev.weir.engine.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChainingTest {

    private static final String PARSE = """
            apiVersion: weir.dev/v1
            kind: Pipeline
            metadata: { name: parse }
            spec:
              source: { topic: raw-orders, format: string }
              steps:
                - map: { set: { id: "value.split(',')[0]", total: "double(value.split(',')[1])" }, drop: [value] }
              sink: { topic: orders }
            """;

    private static final String PRICE = """
            apiVersion: weir.dev/v1
            kind: Pipeline
            metadata: { name: price }
            spec:
              source: { topic: orders }
              steps:
                - route: [ { when: "total > 100.0", to: big-orders } ]
              sink: { topic: small-orders }
            """;

    @TempDir
    Path dir;

    private TestProject project() {
        return new TestProject(dir).file("pipelines/parse.yaml", PARSE).file("pipelines/price.yaml", PRICE);
    }

    @Test
    void whatOnePipelineWritesIsFedToThePipelineThatReadsIt() {
        project().cases("""
                - name: through both
                  input:
                    raw-orders: [ { key: o-1, value: "o-1,250.0" }, { key: o-2, value: "o-2,9.5" } ]
                  expect:
                    orders: { count: 2 }
                    big-orders: [ { key: o-1, value: { id: o-1, total: 250.0 } } ]
                    small-orders: [ { key: o-2, value: { id: o-2, total: 9.5 } } ]
                """).passes();
    }

    @Test
    void aTestNamingOnePipelineRunsOnlyThatOne() {
        project().casesFor("price", """
                - name: price only
                  input:
                    orders: [ { key: o-1, value: { id: o-1, total: 250.0 } } ]
                  expect:
                    big-orders: { count: 1 }
                """).passes();

        assertThat(project().casesFor("price", """
                - name: raw orders are nobody's input here
                  input: { raw-orders: [ { value: "o-1,250.0" } ] }
                  expect: { big-orders: [] }
                """).mistakes()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("no pipeline under test reads topic 'raw-orders'");
            assertThat(d.position()).hasToString("tests/t.yaml:8:16");
        });
    }

    @Test
    void pipelinesFeedingEachOtherForeverFailTheCaseInsteadOfHanging() {
        Failure f = new TestProject(dir).file("pipelines/ping.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: ping }
                spec: { source: { topic: a }, sink: { topic: b } }
                ---
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: pong }
                spec: { source: { topic: b }, sink: { topic: a } }
                """).cases("""
                - name: loop
                  input: { a: [ { value: { n: 1 } } ] }
                  expect: { b: { count: 1 } }
                """).failure();

        assertThat(f.message()).startsWith("the pipelines failed: records kept flowing after 10000 hops");
        assertThat(f.pos()).hasToString("tests/t.yaml:6:7");
    }
}
