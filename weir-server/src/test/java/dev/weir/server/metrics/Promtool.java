package dev.weir.server.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool}: {@code check metrics} on a scrape, {@code check config} and
 * {@code check rules} on files. promtool comes with Debian's
 * {@code prometheus} package, which .ci/run installs; without it the check fails rather than skips.
 */
final class Promtool {

    private Promtool() {
    }

    /** What {@code promtool check metrics} objects to in a scrape: empty if it passes. */
    static String check(String scrape) throws IOException, InterruptedException {
        Result r = exec(List.of("check", "metrics"), scrape);
        if (r.exit() != 0 && r.output().isBlank()) {
            return "promtool exited with " + r.exit();
        }
        return r.exit() == 0 ? "" : r.output();
    }

    /** Runs promtool with {@code args} and {@code stdin}; returns what it printed, failing if it exits non-zero. */
    static String run(List<String> args, String stdin) throws IOException, InterruptedException {
        Result r = exec(args, stdin);
        if (r.exit() != 0) {
            throw new AssertionError("promtool " + String.join(" ", args) + " exited with " + r.exit() + ":\n" + r.output());
        }
        return r.output();
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(List<String> args, String stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish within 60s");
        }
        return new Result(p.exitValue(), out);
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("promtool is not installed: apt-get install prometheus (as .ci/run does)");
    }
}
