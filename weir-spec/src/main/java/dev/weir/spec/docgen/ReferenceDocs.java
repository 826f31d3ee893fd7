package dev.weir.spec.docgen;

import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.step.StepTypes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference pages under {@code docs/reference/}, made from the declarations next to the
 * parsers, so they are never written twice. {@code ReferenceDocsTest} fails when the committed
 * pages differ from what this makes, and rewrites them with {@code -Dweir.docs.update=true}.
 */
public final class ReferenceDocs {

    public static final String STEPS = "steps.md";
    public static final String RESOURCES = "resources.md";
    public static final String UPDATE_COMMAND =
            "mvn -pl weir-spec test -Dtest=ReferenceDocsTest -Dweir.docs.update=true";

    /** The named type of a pipeline's step items; documented on the steps page. */
    private static final String STEP_REF = "step";

    private ReferenceDocs() {
    }

    /** File name to content, for every reference page. */
    public static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(STEPS, steps());
        pages.put(RESOURCES, resources());
        return pages;
    }

    public static void write(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> page : pages().entrySet()) {
                Files.writeString(dir.resolve(page.getKey()), page.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String steps() {
        StringBuilder out = new StringBuilder(header("the step declarations"));
        out.append("# Step reference\n\n");
        out.append("A pipeline's `steps` are a list; each item is a mapping with one key, the step type. Steps run in\n"
                + "order. [The pipeline language](../pipelines.md) explains expressions, dead letters and how the\n"
                + "steps fit together.\n\n");
        out.append("| Step | What it does |\n|---|---|\n");
        for (StepDoc d : StepTypes.docs()) {
            out.append("| [`").append(d.type()).append("`](#").append(d.type()).append(") | ").append(d.title()).append(" |\n");
        }
        for (StepDoc d : StepTypes.docs()) {
            out.append("\n## ").append(d.type()).append("\n\n");
            out.append("**").append(d.title()).append(".** ").append(d.summary()).append("\n\n");
            Set<ValueType.Ref> refs = new LinkedHashSet<>();
            d.objectForm().ifPresent(o -> out.append(FieldTable.render(o, ReferenceDocs::link, refs)).append('\n'));
            out.append("```yaml\n").append(d.example().strip()).append("\n```\n");
        }
        return out.toString();
    }

    static String resources() {
        StringBuilder out = new StringBuilder(header("the resource declarations"));
        out.append("# Resource reference\n\n");
        out.append("A project is a directory with `weir.yaml` and YAML files in sub-directories; a file may hold\n"
                + "several resources separated by `---`. [The pipeline language](../pipelines.md) describes how\n"
                + "files are found and how `${env:NAME}` and `${file:path}` references are resolved. Every\n"
                + "resource has these fields:\n\n");
        Set<ValueType.Ref> refs = new LinkedHashSet<>();
        out.append(FieldTable.render(new ValueType.ObjectOf(ResourceKinds.envelope(), List.of(), List.of(), Map.of()),
                ReferenceDocs::link, refs));
        Set<String> rendered = new LinkedHashSet<>();
        rendered.add(STEP_REF);
        for (ResourceDoc d : ResourceKinds.all()) {
            out.append("\n## ").append(d.kind()).append("\n\n");
            out.append("**").append(d.title()).append(".** ").append(d.summary()).append("\n\n");
            out.append("Usually in `").append(d.files()).append("`. ")
                    .append(d.specRequired() ? "The fields of its `spec`:" : "The fields of its `spec`, which may be left out:")
                    .append("\n\n");
            Set<ValueType.Ref> found = new LinkedHashSet<>();
            out.append(FieldTable.render(d.spec(), ReferenceDocs::link, found));
            out.append("\n```yaml\n").append(d.example().strip()).append("\n```\n");
            for (ValueType.Ref ref : found) {
                if (rendered.add(ref.name()) && ref.resolve() instanceof ValueType.ObjectOf o) {
                    out.append("\n### ").append(capitalized(ref.title())).append("\n\n");
                    out.append(FieldTable.render(o, ReferenceDocs::link, new LinkedHashSet<>()));
                }
            }
        }
        return out.toString();
    }

    private static String header(String source) {
        return "<!-- Generated from " + source + " by dev.weir.spec.docgen.ReferenceDocs: do not edit by hand.\n"
                + "     Change the declaration next to the parser, then run: " + UPDATE_COMMAND + " -->\n\n";
    }

    private static String link(ValueType.Ref ref) {
        if (ref.name().equals(STEP_REF)) {
            return "[step](" + STEPS + ")";
        }
        return "[" + ref.title() + "](#" + ref.title().toLowerCase().replace(' ', '-') + ")";
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
