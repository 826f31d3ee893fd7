package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code metadata} block every resource carries. */
public record Metadata(String name, Optional<String> owner, Map<String, String> labels, Position pos) {

    public static final ValueType.ObjectOf DOC = ValueType.object(
            FieldDoc.required("name", ValueType.string(), "Unique among the project's resources of the same kind: "
                    + "letters, digits, '.', '_' and '-', starting with a letter or digit."),
            FieldDoc.optional("owner", ValueType.string(), "The team or person responsible."),
            FieldDoc.optional("labels", ValueType.mapOf(ValueType.scalar()), "Free-form name/value pairs."),
            FieldDoc.optional("description", ValueType.string(), "What the resource is for."));

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,200}");

    /** Whether {@code name} may be a resource's name. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    public static Metadata parse(YNode node) {
        Fields f = Fields.of(node, "metadata");
        String name = f.requiredString("name");
        if (!NAME.matcher(name).matches()) {
            throw SpecException.at(f.required("name").pos(), "invalid name '" + name + "'",
                    "use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        Optional<String> owner = f.optionalString("owner");
        Map<String, String> labels = f.stringMap("labels");
        f.optional("description");
        f.finish();
        return new Metadata(name, owner, Map.copyOf(labels), f.pos());
    }
}
