package dev.weir.spec.docgen;

import dev.weir.spec.ProjectLoader;
import dev.weir.spec.alert.AlertRule;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.generator.Generator;
import dev.weir.spec.model.Metadata;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.ProjectSettings;
import dev.weir.spec.model.Topic;
import dev.weir.spec.test.PipelineTest;

import java.util.List;

/**
 * The documented resource kinds and the envelope they share. The loader's
 * {@link ProjectLoader#KINDS} must list the same kinds; a test makes sure.
 */
public final class ResourceKinds {

    private static final List<ResourceDoc> ALL = List.of(ProjectSettings.DOC, Topic.DOC, Pipeline.DOC, Generator.DOC,
            PipelineTest.DOC, AlertRule.DOC);

    private ResourceKinds() {
    }

    /** Every documented kind, in the order the reference lists them. */
    public static List<ResourceDoc> all() {
        return ALL;
    }

    /** The {@code metadata} block every resource carries. */
    public static ValueType.ObjectOf metadata() {
        return Metadata.DOC;
    }

    /** The fields every resource has, {@code spec} described per kind. */
    public static List<FieldDoc> envelope() {
        return List.of(
                FieldDoc.required("apiVersion", ValueType.enumOf(ProjectLoader.API_VERSION),
                        "The version of Weir's resource format."),
                FieldDoc.required("kind", ValueType.enumOf(ALL.stream().map(ResourceDoc::kind).toList()),
                        "What the resource is."),
                FieldDoc.required("metadata", Metadata.DOC, "The resource's name and who owns it."),
                FieldDoc.optional("spec", ValueType.any(), "The resource's settings; their fields depend on the kind."));
    }
}
