package dev.weir.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code weir validate} on a thousand mutated project files (the example's and a fresh {@code weir init} project's):
 * every run ends within seconds with exit 0, 1 or 2 and either a clean result or {@code file:line:col: error:} lines,
 * never a stack trace or an unexpected error. Runs in-process for speed; {@code -Dweir.faults.mutations=N} for more.
 */
class FaultFuzzedYamlIT {

    private static final int MUTATIONS = Integer.getInteger("weir.faults.mutations", 1000);
    private static final long SEED = Long.getLong("weir.faults.seed", 20261122L);
    private static final long TIMEOUT_SECONDS = 5;
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\S[^\\n]*?(:\\d+:\\d+)?: error: ");
    private static final Pattern STACK = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(|Exception in thread|unexpected error"
            + "|java\\.lang\\.\\w+(Error|Exception)|NullPointerException|StackOverflow|OutOfMemory");

    @TempDir
    Path tmp;

    private record Case(int n, String kind, Path project, Path file, String original, String mutated) {
    }

    @Test
    void mutatedProjectFilesGiveErrorsNotCrashes() throws Exception {
        Path example = tmp.resolve("example");
        copy(Path.of(System.getProperty("weir.examples", "../examples"), "fraud-detection"), example);
        Path generated = tmp.resolve("generated");
        assertThat(CliTest.weir("init", generated.toString()).exitCode()).isZero();
        List<Path[]> files = new ArrayList<>();
        for (Path project : List.of(example, generated)) {
            assertThat(validate(project).exitCode()).as("the unmutated project %s", project).isZero();
            try (Stream<Path> s = Files.walk(project)) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> files.add(new Path[]{project, p}));
            }
        }

        Random rnd = new Random(SEED);
        ExecutorService pool = Executors.newSingleThreadExecutor(daemon());
        List<String> failures = new ArrayList<>();
        int[] exits = new int[3];
        long started = System.nanoTime();
        try {
            for (int n = 0; n < MUTATIONS && failures.size() < 10; n++) {
                Path[] pick = files.get(rnd.nextInt(files.size()));
                String original = Files.readString(pick[1]);
                String[] kind = new String[1];
                String mutated = YamlMutator.mutate(original, rnd, kind);
                Files.writeString(pick[1], mutated, StandardCharsets.UTF_8);
                Case c = new Case(n, kind[0], pick[0], pick[1], original, mutated);
                try {
                    Future<CliTest.Result> f = pool.submit(() -> validate(c.project()));
                    CliTest.Result r;
                    try {
                        r = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        f.cancel(true);
                        pool.shutdownNow();
                        pool = Executors.newSingleThreadExecutor(daemon());
                        failures.add(describe(c, "did not finish within " + TIMEOUT_SECONDS + " s"));
                        continue;
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(describe(c, "threw " + e.getCause()));
                        continue;
                    }
                    String all = r.out() + "\n" + r.err();
                    if (r.exitCode() < 0 || r.exitCode() > 2) {
                        failures.add(describe(c, "exit code " + r.exitCode() + "\n" + all));
                    } else if (STACK.matcher(all).find()) {
                        failures.add(describe(c, "a stack trace or unexpected error\n" + all));
                    } else if (r.exitCode() != 0 && !ERROR_LINE.matcher(all).find()) {
                        failures.add(describe(c, "exit " + r.exitCode() + " without a 'file:line:col: error:' line\n" + all));
                    } else {
                        exits[r.exitCode()]++;
                    }
                } finally {
                    Files.writeString(pick[1], original, StandardCharsets.UTF_8);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("[faults] %d mutations in %.1f s: %d valid, %d with errors (exit 1), %d rejected (exit 2), %d failures%n",
                MUTATIONS, (System.nanoTime() - started) / 1e9, exits[0], exits[1], exits[2], failures.size());
        assertThat(failures).isEmpty();
    }

    private static CliTest.Result validate(Path project) {
        return CliTest.weir("validate", project.toString());
    }

    private static String describe(Case c, String what) {
        String text = c.mutated().length() > 3000 ? c.mutated().substring(0, 3000) + "..." : c.mutated();
        return "mutation " + c.n() + " (" + c.kind() + ") of " + c.project().relativize(c.file()) + ": " + what
                + "\n--- mutated file ---\n" + text;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(null, r, "fuzz-validate", 16L * 1024 * 1024);
            t.setDaemon(true);
            return t;
        };
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (p.getFileName().toString().equals(".weir")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.toString().contains("/.weir/")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Deterministic mutations of YAML text. */
    static final class YamlMutator {

        private static final String[] SCALARS = {"{}", "[]", "null", "~", "0", "-1", "99999999999999999999", "1e400", "true",
                "''", "\"\"", "!!binary aGVsbG8=", "!foo bar", "?", "-", "|", ">", "&a", "*a", "*nowhere", "${env:NOPE}",
                "${file:/etc/shadow}", "${file:../../../../etc/hostname}", "$${", "${", "'", "\"", "\\", "%", "@", "`",
                "\u0000", "\uFEFF", "\u202E", "é", "💥", "[[[", "{{{", "}", "]", ": :", "a: b: c", "- - -", "#"};

        private YamlMutator() {
        }

        static String mutate(String text, Random rnd, String[] kind) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            int i = rnd.nextInt(lines.size());
            int j = rnd.nextInt(lines.size());
            switch (rnd.nextInt(16)) {
                case 0 -> {
                    kind[0] = "delete line " + (i + 1);
                    lines.remove(i);
                }
                case 1 -> {
                    kind[0] = "duplicate line " + (i + 1);
                    lines.add(i, lines.get(i));
                }
                case 2 -> {
                    kind[0] = "swap lines " + (i + 1) + " and " + (j + 1);
                    String a = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, a);
                }
                case 3 -> {
                    int by = rnd.nextInt(7) - 3;
                    kind[0] = "indent line " + (i + 1) + " by " + by;
                    String l = lines.get(i);
                    lines.set(i, by >= 0 ? " ".repeat(by) + l : l.substring(Math.min(l.length(), -by)));
                }
                case 4 -> {
                    kind[0] = "flip characters";
                    char[] cs = text.toCharArray();
                    for (int k = 0, flips = 1 + rnd.nextInt(4); k < flips && cs.length > 0; k++) {
                        String pick = ":{}[]-#&*!|>'\"%@`,? \t\n\\x09";
                        cs[rnd.nextInt(cs.length)] = rnd.nextBoolean() ? pick.charAt(rnd.nextInt(pick.length()))
                                : (char) (rnd.nextInt(0x2FF) + 1);
                    }
                    return String.valueOf(cs);
                }
                case 5 -> {
                    int at = text.isEmpty() ? 0 : rnd.nextInt(text.length());
                    kind[0] = "truncate at " + at;
                    return text.substring(0, at);
                }
                case 6 -> {
                    kind[0] = "insert a random key at line " + (i + 1);
                    lines.add(i, " ".repeat(2 * rnd.nextInt(4)) + "k" + rnd.nextInt(1000) + ": "
                            + SCALARS[rnd.nextInt(SCALARS.length)]);
                }
                case 7 -> {
                    kind[0] = "tab in line " + (i + 1);
                    String l = lines.get(i);
                    int at = l.isEmpty() ? 0 : rnd.nextInt(l.length());
                    lines.set(i, l.substring(0, at) + "\t" + l.substring(at));
                }
                case 8 -> {
                    int size = rnd.nextBoolean() ? 100_000 : 1_000_000;
                    kind[0] = "huge string (" + size + " chars) at line " + (i + 1);
                    String l = lines.get(i);
                    int colon = l.indexOf(": ");
                    String huge = "x".repeat(size);
                    lines.set(i, colon < 0 ? l + huge : l.substring(0, colon + 2) + (rnd.nextBoolean() ? huge : "\"" + huge + "\""));
                }
                case 9 -> {
                    kind[0] = "anchors and aliases";
                    switch (rnd.nextInt(4)) {
                        case 0 -> { // a mapping that contains itself
                            lines.add(i, "loop: &loop { self: *loop }");
                        }
                        case 1 -> { // an alias bomb
                            StringBuilder b = new StringBuilder("bomb0: &b0 [x, x, x, x, x, x, x, x]\n");
                            for (int k = 1; k < 10; k++) {
                                b.append("bomb").append(k).append(": &b").append(k).append(" [");
                                for (int m = 0; m < 5; m++) {
                                    b.append(m == 0 ? "" : ", ").append("*b").append(k - 1);
                                }
                                b.append("]\n");
                            }
                            lines.add(0, b.toString());
                        }
                        case 2 -> { // an anchored line reused elsewhere
                            String l = lines.get(i);
                            int colon = l.indexOf(": ");
                            if (colon > 0) {
                                lines.set(i, l.substring(0, colon + 2) + "&v " + l.substring(colon + 2));
                                lines.add(j, lines.get(Math.min(j, lines.size() - 1)).replaceFirst(": .*", ": *v"));
                            }
                        }
                        default -> { // a merge key
                            lines.add(i, "<<: *v");
                        }
                    }
                }
                case 10 -> {
                    int depth = rnd.nextBoolean() ? 40 : 5000;
                    kind[0] = "nesting " + depth + " deep at line " + (i + 1);
                    String l = lines.get(i);
                    int colon = l.indexOf(": ");
                    String nested = rnd.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                            : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
                    lines.set(i, colon < 0 ? "deep: " + nested : l.substring(0, colon + 2) + nested);
                }
                case 11 -> {
                    kind[0] = "replace a value at line " + (i + 1);
                    String l = lines.get(i);
                    int colon = l.indexOf(": ");
                    if (colon > 0) {
                        lines.set(i, l.substring(0, colon + 2) + SCALARS[rnd.nextInt(SCALARS.length)]);
                    } else {
                        lines.set(i, l + " " + SCALARS[rnd.nextInt(SCALARS.length)]);
                    }
                }
                case 12 -> {
                    kind[0] = "extra documents";
                    lines.add(i, rnd.nextBoolean() ? "---" : "...\n---\n" + SCALARS[rnd.nextInt(SCALARS.length)]);
                }
                case 13 -> {
                    kind[0] = "empty or blank file";
                    return rnd.nextBoolean() ? "" : " \n\t\n# nothing\n";
                }
                case 14 -> {
                    kind[0] = "directives and tags";
                    lines.add(0, rnd.nextBoolean() ? "%YAML 1.1\n---" : "%TAG ! tag:x,2000:\n---");
                    lines.set(Math.min(i + 1, lines.size() - 1), lines.get(Math.min(i + 1, lines.size() - 1))
                            .replaceFirst(": ", ": !!map "));
                }
                default -> {
                    kind[0] = "several mutations";
                    String t = text;
                    for (int k = 0; k < 3; k++) {
                        t = mutate(t, rnd, new String[1]);
                    }
                    return t;
                }
            }
            return String.join("\n", lines);
        }
    }
}
