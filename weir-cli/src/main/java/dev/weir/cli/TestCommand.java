package dev.weir.cli;

import dev.weir.engine.testing.CaseFilter;
import dev.weir.engine.testing.JUnitXmlReport;
import dev.weir.engine.testing.TestReport;
import dev.weir.engine.testing.TestRunner;
import dev.weir.engine.testing.TestSuite;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run a project's tests without a broker.",
                "Tests are resources of kind PipelineTest (tests/*.yaml). Each case sends records to the project's "
                        + "pipelines, which run on Kafka Streams' TopologyTestDriver with fresh state, and checks "
                        + "what they write. A failing case shows its first difference and the line of the "
                        + "expectation that caught it.",
                "Exit code: 0 when every case passes, 1 when a case fails, 2 when a project or test file has a mistake."},
        footer = {"", "Examples:",
                "  weir test examples/fraud-detection",
                "  weir test my-project --filter 'dead-letter'          # cases whose name contains the text",
                "  weir test my-project --filter 'score-*/*window*'     # a glob over <test>/<case> or <file>/<case>",
                "  weir test my-project --junit-xml target/weir-test.xml   # for Jenkins, GitLab, GitHub",
                "", "A test file:",
                "  apiVersion: weir.dev/v1",
                "  kind: PipelineTest",
                "  metadata: { name: score-transactions }",
                "  spec:",
                "    cases:",
                "      - name: a negative amount is dead-lettered",
                "        input:",
                "          transactions: [ { key: c-1, value: { amount: -5 } } ]",
                "        expect:",
                "          transactions-dlq: { deadLetters: [ { rule: positive-amount } ] }",
                "", "See docs/testing.md for every kind of expectation."})
final class TestCommand implements Callable<Integer> {

    @ParentCommand
    WeirCommand root;

    @Parameters(index = "0", paramLabel = "DIR", description = "The project directory (holding weir.yaml).")
    Path dir;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write the results as JUnit XML to FILE.")
    Path junitXml;

    @Option(names = "--filter", paramLabel = "TEXT",
            description = "Run only cases whose name, <test>/<case> or <file>/<case> contains TEXT (any case); "
                    + "with * or ? TEXT is a glob that must match one of them whole.")
    String filter;

    @Override
    public Integer call() {
        Project project = ProjectLoader.load(dir);
        TestSuite suite = TestSuite.of(project);
        if (suite.tests().isEmpty()) {
            throw new UserError(ExitCode.USAGE, "no tests in " + dir + ": write them in tests/NAME.yaml as resources "
                    + "of kind PipelineTest (see 'weir test --help')");
        }
        CaseFilter cases = filter == null ? CaseFilter.ALL : CaseFilter.of(filter);
        if (suite.count(cases) == 0) {
            throw new UserError(ExitCode.USAGE, "no test case matches --filter '" + filter + "'");
        }
        TestReportPrinter printer = new TestReportPrinter(root.out);
        TestReport report = TestRunner.run(suite, cases, printer::caseDone);
        printer.summary(report);
        if (junitXml != null) {
            try {
                JUnitXmlReport.write(report, junitXml);
            } catch (UncheckedIOException e) {
                throw new UserError(ExitCode.USAGE, e.getMessage());
            }
            root.out.println("JUnit XML written to " + junitXml);
        }
        return report.allPassed() ? ExitCode.OK : ExitCode.FAILURE;
    }
}
