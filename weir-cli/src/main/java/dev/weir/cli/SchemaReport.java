package dev.weir.cli;

import dev.weir.registry.check.SchemaChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each topic schema was compared with and how that went, for {@code weir validate --verbose}
 * (one line per comparison) and {@code --format json} (a {@code schemas} list). Problems and
 * failures are findings too; this also says what was fine or had nothing to compare with.
 */
final class SchemaReport {

    private SchemaReport() {
    }

    /** e.g. {@code schemas/orders.avsc: compatible with HEAD (BACKWARD)}. */
    static List<String> lines(SchemaChecks.Report report) {
        List<String> lines = new ArrayList<>();
        for (SchemaChecks.Checked c : report.schemas()) {
            String file = c.schema().path();
            lines.add(file + ": " + summary(c.git()) + (c.git().outcome() == SchemaChange.Outcome.COMPATIBLE
                    ? " (" + c.topic().compatibility() + ")" : ""));
            c.registry().ifPresent(r -> lines.add(file + ": " + summary(r)));
        }
        return lines;
    }

    static List<Map<String, Object>> json(SchemaChecks.Report report) {
        List<Map<String, Object>> schemas = new ArrayList<>();
        for (SchemaChecks.Checked c : report.schemas()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", c.topic().name());
            m.put("file", c.schema().path());
            m.put("subject", c.git().schema().subject());
            m.put("type", c.git().schema().type());
            m.put("compatibility", c.topic().compatibility().name());
            m.put("git", json(c.git()));
            m.put("registry", c.registry().map(SchemaReport::json).orElse(null));
            schemas.add(m);
        }
        return schemas;
    }

    private static Map<String, Object> json(SchemaChange change) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("against", change.against());
        m.put("outcome", change.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("problems", change.problems());
        m.put("note", change.note().orElse(null));
        return m;
    }

    private static String summary(SchemaChange change) {
        return switch (change.outcome()) {
            case COMPATIBLE -> change.note().orElse("compatible with " + change.against());
            case INCOMPATIBLE -> "not compatible with " + change.against();
            default -> change.note().orElse(change.outcome().name().toLowerCase(Locale.ROOT));
        };
    }
}
