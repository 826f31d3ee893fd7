package dev.weir.bench;

import dev.weir.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Times {@code weir test} on a generated project: the fraud-detection example's pipeline and
 * topics, and test files holding {@code cases} cases (500 by default) of the kinds the example's
 * own suite has. Runs the command in this JVM twice: first as a user's run is (classes loaded,
 * code not yet compiled), then warm.
 * <pre>java -cp weir-cli/target/weir.jar:bench/target/classes dev.weir.bench.TestSuiteBench [cases] [example dir] [work dir]</pre>
 */
public final class TestSuiteBench {

    private static final int CASES_PER_FILE = 50;

    private TestSuiteBench() {
    }

    public static void main(String[] args) throws IOException {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path example = Path.of(args.length > 1 ? args[1] : "examples/fraud-detection");
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("weir-bench-");
        generate(example, dir, cases);
        System.out.printf(Locale.ROOT, "project: %s (%d cases in %d files)%n", dir, cases,
                (cases + CASES_PER_FILE - 1) / CASES_PER_FILE);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
        for (String run : List.of("first run", "second run")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long start = System.nanoTime();
            int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "test", dir.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            String printed = out.toString(StandardCharsets.UTF_8);
            String summary = printed.lines().filter(l -> l.matches("\\d+ passed, \\d+ failed")).findFirst().orElse("?");
            System.out.printf(Locale.ROOT, "%-10s: %s in %.2f s = %.0f cases/s (exit %d)%n", run, summary, seconds,
                    cases / seconds, code);
            if (code != 0) {
                System.out.println(printed);
                System.exit(1);
            }
        }
    }

    /** Copies the example's project file, topics and pipelines, and writes test files of generated cases. */
    static void generate(Path example, Path dir, int cases) throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(example.resolve("weir.yaml"), dir.resolve("weir.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (String sub : List.of("topics", "pipelines")) {
            Files.createDirectories(dir.resolve(sub));
            try (Stream<Path> files = Files.list(example.resolve(sub))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(sub).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (int file = 0; file * CASES_PER_FILE < cases; file++) {
            StringBuilder yaml = new StringBuilder("""
                    apiVersion: weir.dev/v1
                    kind: PipelineTest
                    metadata: { name: generated-%d }
                    spec:
                      cases:
                    """.formatted(file));
            for (int i = file * CASES_PER_FILE; i < Math.min(cases, (file + 1) * CASES_PER_FILE); i++) {
                yaml.append(GeneratedCases.of(i).indent(4));
            }
            Files.writeString(dir.resolve("tests").resolve("generated-" + file + ".yaml"), yaml);
        }
    }
}
