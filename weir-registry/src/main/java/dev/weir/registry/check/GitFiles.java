package dev.weir.registry.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Earlier versions of a directory's files, read from git by running {@code git} in that directory
 * ({@code git show REV:./path}), so paths are relative to the directory, which may be anywhere in
 * the work tree. Nothing is written and no network is used.
 */
public final class GitFiles {

    /** A failure to run git, or an answer it was not expected to give. */
    public static final class GitException extends Exception {
        GitException(String message) {
            super(message);
        }
    }

    /** One committed version of a file: the commit's short hash and the file's text there. */
    public record Version(String commit, String text) {
    }

    private record Result(int exitCode, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private static final long TIMEOUT_SECONDS = 60;

    private final Path dir;

    private GitFiles(Path dir) {
        this.dir = dir;
    }

    /** The git work tree {@code dir} is in; empty when it is in none (or git is not installed). */
    public static Optional<GitFiles> in(Path dir) {
        GitFiles git = new GitFiles(dir.toAbsolutePath().normalize());
        try {
            Result r = git.run("rev-parse", "--is-inside-work-tree");
            return r.exitCode() == 0 && r.text().strip().equals("true") ? Optional.of(git) : Optional.empty();
        } catch (GitException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code revision} (a branch, tag, commit or expression such as {@code HEAD~1}) names a commit. */
    public boolean hasRevision(String revision) throws GitException {
        return run("rev-parse", "--verify", "--quiet", revision + "^{commit}").exitCode() == 0;
    }

    /** The text of {@code path} (relative to the directory) at {@code revision}; empty when it has no such file. */
    public Optional<String> show(String revision, String path) throws GitException {
        Result r = run("show", revision + ":" + relative(path));
        if (r.exitCode() == 0) {
            return Optional.of(r.text());
        }
        if (r.err().contains("does not exist") || r.err().contains("exists on disk, but not in")) {
            return Optional.empty();
        }
        throw new GitException("git show " + revision + ":" + relative(path) + " failed: " + r.err().strip());
    }

    /**
     * Every version of {@code path} committed up to {@code revision}, oldest first, leaving out
     * commits that left its text as it was (and those that deleted it).
     */
    public List<Version> history(String revision, String path) throws GitException {
        Result log = run("log", "--format=%h", revision, "--", relative(path));
        if (log.exitCode() != 0) {
            throw new GitException("git log " + revision + " -- " + relative(path) + " failed: " + log.err().strip());
        }
        List<String> commits = new ArrayList<>(log.text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        Collections.reverse(commits);
        List<Version> versions = new ArrayList<>();
        for (String commit : commits) {
            Optional<String> text = show(commit, path);
            if (text.isPresent() && (versions.isEmpty() || !versions.get(versions.size() - 1).text().equals(text.get()))) {
                versions.add(new Version(commit, text.get()));
            }
        }
        return versions;
    }

    /** A path git reads relative to the working directory, not the top of the work tree. */
    private static String relative(String path) {
        String p = path.replace('\\', '/');
        return p.startsWith("./") || p.startsWith("../") ? p : "./" + p;
    }

    private Result run(String... args) throws GitException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new GitException("cannot run git: " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new GitException("git " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + "s");
            }
            return new Result(process.exitValue(), out, err.join());
        } catch (IOException | UncheckedIOException e) {
            process.destroyForcibly();
            throw new GitException("cannot read what git " + String.join(" ", args) + " wrote: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git");
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
