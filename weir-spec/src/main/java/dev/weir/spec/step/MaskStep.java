package dev.weir.spec.step;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.List;
import java.util.Optional;

/**
 * Hides sensitive fields: {@code hash} (HMAC-SHA256 with {@code salt}, hex; same input gives the
 * same output, so hashed fields still join and group), {@code redact} (replaced by {@code "****"}),
 * or {@code keep-last} ({@code keep} last characters visible).
 * <pre>- mask: { fields: [card_number], method: hash, salt: "${env:CARD_SALT}" }</pre>
 */
public record MaskStep(String id, List<String> fields, Method method, Optional<String> salt, int keep, Position pos)
        implements Step {

    public static final String TYPE = "mask";

    public static final StepDoc DOC = new StepDoc(TYPE, "Hide sensitive fields",
            "Hides fields: hash (HMAC-SHA256 with salt, hex; equal values stay equal, so they can still be joined "
                    + "and counted), redact (replaced by ****) or keep-last (only the last characters visible).",
            ValueType.object(StepDoc.NAME,
                    FieldDoc.required("fields", ValueType.listOf(ValueType.string()), "The names of the fields to hide."),
                    FieldDoc.optional("method", ValueType.enumOf(Method.class), "hash", "How to hide them."),
                    FieldDoc.optional("salt", ValueType.string(),
                            "The key of the hash; keep it out of the repository with ${env:NAME}."),
                    FieldDoc.optional("keep", ValueType.integer(), "4",
                            "With keep-last: how many characters stay visible at the end.")),
            """
            - mask: { fields: [card_number], method: hash, salt: "${env:CARD_SALT:-dev-salt}" }
            """);

    public enum Method { HASH, REDACT, KEEP_LAST }

    @Override
    public String type() {
        return TYPE;
    }

    static MaskStep parse(String defaultId, YNode node) {
        Fields f = Fields.of(node, "mask step");
        String id = f.optionalString("name").orElse(defaultId);
        List<String> fields = f.stringList("fields");
        if (fields.isEmpty()) {
            throw SpecException.at(node.pos(), "mask step needs 'fields', the names of the fields to hide");
        }
        Method method = f.optionalEnum("method", Method.class).orElse(Method.HASH);
        Optional<String> salt = f.optionalString("salt");
        int keep = f.optionalInt("keep").orElse(4);
        if (keep < 0) {
            throw SpecException.at(f.required("keep").pos(), "'keep' must not be negative");
        }
        f.finish();
        return new MaskStep(id, List.copyOf(fields), method, salt, keep, node.pos());
    }
}
