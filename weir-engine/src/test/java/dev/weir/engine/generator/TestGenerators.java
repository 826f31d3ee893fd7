package dev.weir.engine.generator;

import dev.weir.spec.generator.Generator;
import dev.weir.spec.model.Metadata;
import dev.weir.spec.yaml.Interpolator;
import dev.weir.spec.yaml.YNode;
import dev.weir.spec.yaml.YamlFiles;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Builds generators from YAML text, as users write them. */
final class TestGenerators {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00.250Z"), ZoneOffset.UTC);

    private TestGenerators() {
    }

    /** {@code settings} are spec lines such as "seed: 1" (one per line); {@code fields} the field lines. */
    static Generator generator(String settings, String fields) {
        String text = "apiVersion: weir.dev/v1\nkind: Generator\nmetadata: { name: g }\nspec:\n  topic: t\n"
                + settings.indent(2) + "  fields:\n" + fields.indent(4);
        YNode.YMap doc = (YNode.YMap) YamlFiles.parse(text, "generators/g.yaml",
                new Interpolator(Map.of(), Path.of("."))).get(0);
        return Generator.parse(Metadata.parse(doc.get("metadata")), doc.get("spec"));
    }

    static RecordFactory factory(String settings, String fields) {
        return new RecordFactory(generator(settings, fields), CLOCK);
    }
}
