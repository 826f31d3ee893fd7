package dev.weir.spec.step;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
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
