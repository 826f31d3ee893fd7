package dev.weir.server.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool check metrics} on a scrape. promtool comes with Debian's
 * {@code prometheus} package, which .ci/run installs; without it the check fails rather than skips.
 */
final class Promtool {

    private Promtool() {
    }

    /** What promtool objects to: empty if the scrape passes. */
    static String check(String scrape) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool check metrics did not finish within 60s");
        }
        if (p.exitValue() != 0 && out.isBlank()) {
            return "promtool exited with " + p.exitValue();
        }
        return p.exitValue() == 0 ? "" : out;
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
