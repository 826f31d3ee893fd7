package dev.weir.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The starter project {@code weir init} writes: resource files under {@code scaffold/}, listed
 * with their target paths in {@code scaffold/files.txt}, with {@code {{name}}} replaced by the
 * project's name.
 */
final class ProjectScaffold {

    private static final String INDEX = "/scaffold/files.txt";
    private static final String NAME = "{{name}}";

    /** One file of the scaffold: where it comes from and where it goes. */
    record Entry(String resource, String target) {
    }

    private ProjectScaffold() {
    }

    static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (String line : read(INDEX).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException(INDEX + ": expected 'resource target', found: " + line);
            }
            entries.add(new Entry(parts[0], parts[1]));
        }
        return List.copyOf(entries);
    }

    /** The target paths that already exist in {@code dir}. */
    static List<String> existing(Path dir) {
        return entries().stream().map(Entry::target).filter(t -> Files.exists(dir.resolve(t))).toList();
    }

    /** Writes every file of the scaffold into {@code dir}; returns the paths written, relative to it. */
    static List<String> write(Path dir, String projectName) throws IOException {
        List<String> written = new ArrayList<>();
        for (Entry e : entries()) {
            Path target = dir.resolve(e.target());
            Files.createDirectories(target.getParent());
            Files.writeString(target, read("/scaffold/" + e.resource()).replace(NAME, projectName));
            written.add(e.target());
        }
        return written;
    }

    private static String read(String resource) {
        try (InputStream in = ProjectScaffold.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, () -> "missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
