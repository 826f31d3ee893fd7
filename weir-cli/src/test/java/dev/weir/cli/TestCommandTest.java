package dev.weir.cli;

import dev.weir.cli.CliTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.weir.cli.CliTest.weir;
import static org.assertj.core.api.Assertions.assertThat;

class TestCommandTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "fraud-detection");

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** A project whose pipeline keeps positive amounts, and a test file whose cases start on line 6. */
    private void project(String cases) throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: demo }\n");
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: payments }
                spec:
                  source: { topic: payments }
                  steps: [ { filter: "amount > 0" } ]
                  sink: { topic: accepted }
                """);
        write("tests/payments.yaml", """
                apiVersion: weir.dev/v1
                kind: PipelineTest
                metadata: { name: payments }
                spec:
                  cases:
                """ + cases.indent(4));
    }

    private static final String PASSING_AND_FAILING = """
            - name: keeps a positive amount
              input: { payments: [ { key: p-1, value: { amount: 5 } } ] }
              expect: { accepted: [ { key: p-1, value: { amount: 5 } } ] }
            - name: drops a negative amount
              input: { payments: [ { key: p-2, value: { amount: -5 } } ] }
              expect: { accepted: { count: 1 } }
            """;

    @Test
    void theExampleSuitePasses() {
        Result r = weir("test", EXAMPLE.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("ok    tests/score-transactions.yaml: merchant statistics come out once the minute is closed (")
                .contains("\n4 passed, 0 failed\n");
    }

    @Test
    void aFailingCaseShowsItsFirstDifferenceWhereTheExpectationIsAndExitsWith1() throws IOException {
        project(PASSING_AND_FAILING);

        Result r = weir("test", dir.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.out()).containsPattern("(?m)^ok    tests/payments.yaml: keeps a positive amount \\(\\d+ ms\\)$")
                .containsPattern("(?m)^FAIL  tests/payments.yaml: drops a negative amount \\(\\d+ ms\\)$")
                .contains("      tests/payments.yaml:11:36: accepted: expected 1 record, got 0\n")
                .contains("\n1 passed, 1 failed\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void junitXmlHasASuitePerFileAndACasePerCaseWithTheFailure() throws Exception {
        project(PASSING_AND_FAILING);
        Path xml = dir.resolve("reports/weir.xml");

        Result r = weir("test", dir.toString(), "--junit-xml", xml.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
        assertThat(suite.getAttribute("name")).isEqualTo("tests/payments.yaml");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element passed = (Element) cases.item(0);
        assertThat(passed.getAttribute("name")).isEqualTo("keeps a positive amount");
        assertThat(passed.getAttribute("classname")).isEqualTo("payments");
        assertThat(passed.getElementsByTagName("failure").getLength()).isZero();
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("accepted: expected 1 record, got 0");
        assertThat(failure.getTextContent()).startsWith("tests/payments.yaml:11:36: accepted: expected 1 record, got 0");
    }

    @Test
    void aJunitXmlFileThatCannotBeWrittenIsOneMessage() throws IOException {
        project(PASSING_AND_FAILING);
        write("taken", "a file, not a directory");

        Result r = weir("test", dir.toString(), "--junit-xml", dir.resolve("taken/weir.xml").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("weir: cannot write JUnit XML to " + dir.resolve("taken/weir.xml"))
                .doesNotContain("\tat ");
    }

    @Test
    void filterRunsOnlyTheMatchingCases() throws IOException {
        project(PASSING_AND_FAILING);

        Result r = weir("test", dir.toString(), "--filter", "positive");

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("keeps a positive amount").doesNotContain("drops a negative amount")
                .contains("\n1 passed, 0 failed\n");
    }

    @Test
    void aFilterMatchingNothingIsAUsageError() throws IOException {
        project(PASSING_AND_FAILING);

        Result r = weir("test", dir.toString(), "--filter", "nothing like it");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("weir: no test case matches --filter 'nothing like it'\n");
    }

    @Test
    void aYamlSyntaxErrorInATestFileIsOneMessageWithItsPosition() throws IOException {
        project(PASSING_AND_FAILING);
        write("tests/broken.yaml", "apiVersion: weir.dev/v1\nkind: PipelineTest\n  metadata: x\n");

        Result r = weir("test", dir.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("tests/broken.yaml:3:").contains("YAML syntax error").contains("1 error")
                .doesNotContain("\tat ", "Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aTestOfAMissingPipelineIsAMistake() throws IOException {
        project(PASSING_AND_FAILING);
        write("tests/other.yaml", """
                apiVersion: weir.dev/v1
                kind: PipelineTest
                metadata: { name: other }
                spec:
                  pipelines: [payment]
                  cases: [ { name: x, expect: { accepted: [] } } ]
                """);

        Result r = weir("test", dir.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("tests/other.yaml:5:15: error: test 'other' names pipeline 'payment', "
                + "which the project does not have\n    hint: did you mean 'payments'?");
    }

    @Test
    void anExpectationOnATopicNoPipelineWritesIsAMistake() throws IOException {
        project("""
                - name: x
                  input: { payments: [ { value: { amount: 5 } } ] }
                  expect: { acceptd: [] }
                """);

        Result r = weir("test", dir.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("tests/payments.yaml:8:17: error: no pipeline under test writes topic 'acceptd'")
                .contains("did you mean 'accepted'?").doesNotContain("\tat ");
    }

    @Test
    void aMalformedInputRecordIsAMistake() throws IOException {
        project("""
                - name: x
                  input: { payments: [ { value: true } ] }
                  expect: { accepted: [] }
                """);

        Result r = weir("test", dir.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("tests/payments.yaml:7:37: error: value for json topic 'payments' must be a "
                + "mapping (sent as a JSON object) or a string (sent as raw text), found a boolean");
    }

    @Test
    void aProjectWithoutTestsSaysHowToWriteOne() throws IOException {
        project(PASSING_AND_FAILING);
        Files.delete(dir.resolve("tests/payments.yaml"));

        Result r = weir("test", dir.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no tests in").contains("kind PipelineTest");
    }

    @Test
    void helpShowsTheOptionsAndAnExample() {
        Result r = weir("test", "--help");

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("--junit-xml=FILE", "--filter=TEXT", "weir test examples/fraud-detection",
                "kind: PipelineTest");
        assertThat(weir("--help").out()).contains("test");
    }
}
