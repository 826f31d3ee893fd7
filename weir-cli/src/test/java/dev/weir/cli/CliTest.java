package dev.weir.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    static Result weir(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void validProject() throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: demo }\n");
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: in }
                  sink: { topic: out }
                """);
    }

    @Test
    void helpListsTheCommands() {
        Result r = weir("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("validate", "up", "run", "tail", "produce", "registry", "Streaming data pipelines as code");
    }

    @Test
    void registryWithoutAClusterIsAUsageError() {
        Result r = weir("registry");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no Kafka cluster given").doesNotContain("Exception");
    }

    @Test
    void registryWithAMissingUsersFileIsAUsageError() {
        Result r = weir("registry", "-b", "127.0.0.1:1", "--basic-auth-file", dir.resolve("users.properties").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("users.properties").doesNotContain("\tat ");
    }

    @Test
    void badProjectFileIsOneMessageWithPositionAndExitCode2() throws IOException {
        validProject();
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: in }
                  steps:
                    - filter: "amount > > 1"
                """);
        Result r = weir("up", dir.toString(), "--kafka-port", "1");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("pipelines/p.yaml:7:")
                .contains("error: invalid expression 'amount > > 1'")
                .contains("1 error")
                .doesNotContain("Exception", "\tat ");
        assertThat(r.out()).doesNotContain("kafka");
    }

    @Test
    void yamlSyntaxErrorExitsWith2() throws IOException {
        validProject();
        write("topics/t.yaml", "apiVersion: weir.dev/v1\nkind: Topic\n  metadata: x\n");
        Result r = weir("run", dir.toString(), "-b", "127.0.0.1:1");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("topics/t.yaml:3:").contains("YAML syntax error").doesNotContain("\tat ");
    }

    @Test
    void missingProjectDirectorySaysWhatToDo() {
        Result r = weir("up", dir.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no such project directory").contains("weir init");
    }

    @Test
    void runWithoutAClusterAsksForOne() throws IOException {
        validProject();
        Result r = weir("run", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--bootstrap-servers");
    }

    @Test
    void runOfAnUnknownPipelineNamesTheKnownOnes() throws IOException {
        validProject();
        Result r = weir("run", dir.toString(), "-b", "127.0.0.1:1", "--pipeline", "nope");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no pipeline named 'nope'").contains("it has: p");
    }

    @Test
    void busyHttpPortIsAOneLineErrorNamingTheOption() throws IOException {
        validProject();
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Result r = weir("run", dir.toString(), "-b", "127.0.0.1:1", "--http-port", Integer.toString(busy.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
            assertThat(r.err().strip()).doesNotContain("\n")
                    .contains("cannot listen on 127.0.0.1:" + busy.getLocalPort())
                    .contains("address already in use").contains("--http-port").doesNotContain("\tat ");
        }
    }

    @Test
    void busyKafkaPortIsAClearErrorNotAStackTrace() throws IOException {
        validProject();
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Result r = weir("up", dir.toString(), "--kafka-port", Integer.toString(busy.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
            assertThat(r.err()).contains("port " + busy.getLocalPort() + " is already in use")
                    .contains("--kafka-port").doesNotContain("\tat ");
        }
    }

    @Test
    void unknownOptionSuggestsTheRightOne() {
        Result r = weir("up", "x", "--kafka-prot", "9");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--kafka-prot").contains("--kafka-port");
    }

    @Test
    void produceRejectsBadLinesWithFileLineAndColumnAndSendsNothing() throws IOException {
        Path input = dir.resolve("records.jsonl");
        Files.writeString(input, "{\"id\": 1}\n\n{\"id\": 2,}\n");
        Result r = weir("produce", "t", "-b", "127.0.0.1:1", "--file", input.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(input + ":3:").contains("invalid JSON").contains("nothing was sent");
    }
}
