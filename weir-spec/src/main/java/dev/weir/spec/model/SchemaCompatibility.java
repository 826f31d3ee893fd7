package dev.weir.spec.model;

import dev.weir.spec.Names;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a topic's schema may change, with the schema registry's meanings: BACKWARD (the default)
 * means consumers using the new schema read data written with the previous one, FORWARD the other
 * way round, FULL both; the TRANSITIVE levels compare with every earlier version, not only the
 * previous one; NONE does not compare.
 */
public enum SchemaCompatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    public static final SchemaCompatibility DEFAULT = BACKWARD;

    /** The names, as written in YAML and the registry API. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** Reads a level written as in the registry API ({@code FULL_TRANSITIVE}); case and {@code -} for {@code _} do not matter. */
    public static SchemaCompatibility parse(YNode node) {
        String text = Fields.string(node, "compatibility");
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SchemaCompatibility level : values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        throw SpecException.at(node.pos(), "'compatibility' has no value '" + text + "'", Names.hint(text, names()));
    }
}
