package dev.weir.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The packaged weir command running as a real process, its output captured line by line. */
final class WeirProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private WeirProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "weir-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** A copy of examples/fraud-detection under {@code dir}, without its .weir/ data. */
    static Path copyExample(Path dir) throws IOException {
        Path source = Path.of(System.getProperty("weir.examples"), "fraud-detection");
        Path target = dir.resolve("fraud-detection");
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path p : files.filter(p -> !source.relativize(p).toString().startsWith(".weir")).toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    static WeirProcess start(Path workDir, String... args) throws IOException {
        String jar = System.getProperty("weir.jar");
        if (jar == null || !Path.of(jar).toFile().isFile()) {
            throw new IllegalStateException("the packaged jar is missing: " + jar + " (run through 'mvn verify')");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", jar));
        command.addAll(List.of(args));
        boolean serves = args.length > 0 && (args[0].equals("up") || args[0].equals("run"));
        if (serves && !command.contains("--http-port")) {
            // Tests run side by side: the HTTP server takes a free port unless a test names one.
            command.addAll(List.of("--http-port", "0"));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        return new WeirProcess(pb.start());
    }

    /** Waits for a line matching {@code match}; fails with everything printed so far if it does not come. */
    String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (; seen < lines.size(); seen++) {
                if (match.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            if (!process.isAlive() && seen >= lines.size()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected line did not appear; output so far:\n" + String.join("\n", lines));
    }

    /** How many lines were printed so far. */
    int lineCount() {
        return lines.size();
    }

    /** Waits for a line matching {@code match} printed after the first {@code from} lines. */
    String awaitLineAfter(int from, Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = from;
        while (System.nanoTime() < deadline) {
            for (; seen < lines.size(); seen++) {
                if (match.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            if (!process.isAlive() && seen >= lines.size()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected line did not appear; output so far:\n" + String.join("\n", lines));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGKILL, as a crash or an out-of-memory killer would: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException, IOException {
        new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("weir did not die on SIGKILL");
        }
    }

    String output() {
        return String.join("\n", lines);
    }

    /** Sends SIGTERM, as Ctrl-C or a service manager would, and waits for the exit code. */
    int stop(Duration timeout) throws InterruptedException, IOException {
        // Process.destroy() would also close our end of its output; kill(1) leaves it open to read the last lines.
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("weir did not stop within " + timeout + "; output:\n" + output());
        }
        Thread.sleep(300); // let the reader take the last lines
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
