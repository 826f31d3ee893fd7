package dev.weir.spec;

import dev.weir.spec.alert.AlertRule;
import dev.weir.spec.generator.Generator;
import dev.weir.spec.model.Metadata;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.ProjectSettings;
import dev.weir.spec.model.Topic;
import dev.weir.spec.test.PipelineTest;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.Interpolator;
import dev.weir.spec.yaml.YNode;
import dev.weir.spec.yaml.YamlFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a project directory into a {@link Project}: {@code weir.yaml} plus every YAML file in its
 * sub-directories (hidden ones, {@code envs/} and {@code schemas/} excepted). Reports every
 * mistake it finds, each with its position, in one {@link SpecException}.
 */
public final class ProjectLoader {

    public static final String API_VERSION = "weir.dev/v1";
    public static final String PROJECT_FILE = "weir.yaml";

    /** Kinds this version understands. Others are reported with the closest valid kind. */
    public static final Set<String> KINDS = Set.of("Project", "Topic", "Pipeline", "Generator", "PipelineTest",
            "AlertRule");

    private static final Set<String> SKIPPED_DIRS = Set.of("envs", "schemas", "target", "node_modules", "docs");

    private final Interpolator interpolator;

    private ProjectLoader(Interpolator interpolator) {
        this.interpolator = interpolator;
    }

    public static Project load(Path dir) {
        return load(dir, System.getenv());
    }

    public static Project load(Path dir, Map<String, String> env) {
        Path root = dir.toAbsolutePath().normalize();
        return new ProjectLoader(new Interpolator(env, root)).loadDir(root);
    }

    private Project loadDir(Path root) {
        Path projectFile = root.resolve(PROJECT_FILE);
        if (!Files.isDirectory(root)) {
            throw SpecException.at(Position.of(root.toString()), "no such project directory",
                    "create one with 'weir init " + root.getFileName() + "'");
        }
        if (!Files.isRegularFile(projectFile)) {
            throw SpecException.at(Position.of(root.toString()), "not a Weir project: " + PROJECT_FILE + " is missing",
                    "create one with 'weir init DIR', or point at the directory that holds weir.yaml");
        }
        Diagnostics diagnostics = new Diagnostics();
        List<Path> files = new ArrayList<>();
        files.add(projectFile);
        files.addAll(resourceFiles(root));

        ProjectSettings[] settings = {null};
        List<Topic> topics = new ArrayList<>();
        List<Pipeline> pipelines = new ArrayList<>();
        List<Generator> generators = new ArrayList<>();
        List<PipelineTest> tests = new ArrayList<>();
        List<AlertRule> alerts = new ArrayList<>();
        Map<String, Position> seen = new HashMap<>();

        for (Path file : files) {
            String display = root.relativize(file).toString();
            List<YNode> docs;
            try {
                docs = YamlFiles.read(file, display, interpolator);
            } catch (SpecException e) {
                diagnostics.addAll(e.diagnostics());
                continue;
            }
            boolean isProjectFile = file.equals(projectFile);
            for (YNode doc : docs) {
                diagnostics.collect(() -> {
                    Fields f = Fields.of(doc, "resource");
                    String apiVersion = f.requiredString("apiVersion");
                    if (!apiVersion.equals(API_VERSION)) {
                        throw SpecException.at(f.required("apiVersion").pos(), "unsupported apiVersion '" + apiVersion + "'",
                                "use apiVersion: " + API_VERSION);
                    }
                    YNode kindNode = f.required("kind");
                    String kind = Fields.string(kindNode, "kind");
                    if (!KINDS.contains(kind)) {
                        throw SpecException.at(kindNode.pos(), "unknown kind '" + kind + "'", Names.hint(kind, KINDS));
                    }
                    Metadata metadata = Metadata.parse(f.required("metadata"));
                    YNode spec = kind.equals("Project") ? f.optional("spec").orElse(null) : f.required("spec");
                    f.finish();
                    Position previous = seen.putIfAbsent(kind + "/" + metadata.name(), metadata.pos());
                    if (previous != null) {
                        throw SpecException.at(metadata.pos(), kind + " '" + metadata.name() + "' is declared twice",
                                "it was first declared at " + previous);
                    }
                    switch (kind) {
                        case "Project" -> {
                            if (!isProjectFile) {
                                throw SpecException.at(kindNode.pos(), "kind Project belongs in " + PROJECT_FILE);
                            }
                            settings[0] = ProjectSettings.parse(metadata, spec);
                        }
                        case "Topic" -> topics.add(Topic.parse(metadata, spec, root));
                        case "Pipeline" -> pipelines.add(Pipeline.parse(metadata, spec));
                        case "Generator" -> generators.add(Generator.parse(metadata, spec));
                        case "PipelineTest" -> tests.add(PipelineTest.parse(metadata, spec));
                        case "AlertRule" -> alerts.add(AlertRule.parse(metadata, spec));
                        default -> throw new IllegalStateException("kind without parser: " + kind);
                    }
                });
            }
        }
        if (settings[0] == null && !diagnostics.hasErrors()) {
            diagnostics.error(Position.of(PROJECT_FILE), PROJECT_FILE + " declares no resource of kind Project",
                    "start it with: apiVersion: " + API_VERSION + " / kind: Project / metadata: { name: my-project }");
        }
        diagnostics.throwIfErrors();
        return new Project(settings[0], root, List.copyOf(topics), List.copyOf(pipelines), List.copyOf(generators),
                List.copyOf(tests), List.copyOf(alerts));
    }

    private static List<Path> resourceFiles(Path root) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child) && !name.startsWith(".") && !SKIPPED_DIRS.contains(name)) {
                    try (Stream<Path> walk = Files.walk(child)) {
                        walk.filter(Files::isRegularFile)
                                .filter(p -> !hasHiddenPart(root.relativize(p)))
                                .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                                .sorted()
                                .forEach(out::add);
                    }
                }
            }
        } catch (IOException e) {
            throw SpecException.at(Position.of(root.toString()), "cannot list project files: " + e.getMessage());
        }
        return out;
    }

    private static boolean hasHiddenPart(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
