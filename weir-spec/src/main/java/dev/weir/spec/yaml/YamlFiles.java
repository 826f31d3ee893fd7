package dev.weir.spec.yaml;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML text into {@link YNode} trees, one per document, keeping every node's position. */
public final class YamlFiles {

    /**
     * The most nodes one file may expand to. Aliases let a few lines stand for millions of nodes (a "billion laughs");
     * real project files are far below this.
     */
    static final int MAX_NODES = 100_000;

    private YamlFiles() {
    }

    /** Converts one file's documents, refusing aliases that contain themselves and expansions past {@link #MAX_NODES}. */
    private static final class Converter {
        private final String file;
        private final Interpolator interpolator;
        private final java.util.Set<Node> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private int nodes;

        Converter(String file, Interpolator interpolator) {
            this.file = file;
            this.interpolator = interpolator;
        }

        YNode convert(Node node) {
            Position pos = new Position(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
            if (++nodes > MAX_NODES) {
                throw SpecException.at(pos, "the file expands to more than " + MAX_NODES + " values",
                        "aliases (*name) copy what their anchor (&name) holds; nest them less");
            }
            if (!open.add(node)) {
                throw SpecException.at(pos, "an alias refers to a value that contains it",
                        "an anchor (&name) cannot be used (*name) inside its own value");
            }
            try {
                return YamlFiles.convert(node, pos, this);
            } finally {
                open.remove(node);
            }
        }
    }

    public static List<YNode> read(Path file, String displayName, Interpolator interpolator) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw SpecException.at(Position.of(displayName), "cannot read file: " + e.getMessage());
        }
        return parse(text, displayName, interpolator);
    }

    public static List<YNode> parse(String text, String displayName, Interpolator interpolator) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by us, with both positions
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(16 * 1024 * 1024);
        Yaml yaml = new Yaml(options);
        List<YNode> docs = new ArrayList<>();
        Converter converter = new Converter(displayName, interpolator);
        try {
            for (Node node : yaml.composeAll(new StringReader(text))) {
                if (node != null) {
                    docs.add(converter.convert(node));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position pos = mark == null ? Position.of(displayName)
                    : new Position(displayName, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw SpecException.at(pos, "YAML syntax error: " + problem + context,
                    "check indentation and that every 'key: value' has a space after the colon");
        } catch (YAMLException e) {
            throw SpecException.at(Position.of(displayName), "YAML error: " + e.getMessage());
        }
        return docs;
    }

    private static YNode convert(Node node, Position pos, Converter converter) {
        Interpolator interpolator = converter.interpolator;
        if (node instanceof MappingNode map) {
            Map<String, YNode.YMap.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                YNode key = converter.convert(t.getKeyNode());
                if (!(key instanceof YNode.YScalar ks) || ks.isNull()) {
                    throw SpecException.at(key.pos(), "a mapping key must be a plain name, found " + key.describe());
                }
                YNode.YMap.Entry previous = entries.get(ks.text());
                if (previous != null) {
                    throw SpecException.at(key.pos(), "duplicate key '" + ks.text() + "'",
                            "it was first set at " + previous.keyPos());
                }
                entries.put(ks.text(), new YNode.YMap.Entry(ks.text(), key.pos(),
                        converter.convert(t.getValueNode())));
            }
            return new YNode.YMap(entries, pos);
        }
        if (node instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(converter.convert(item));
            }
            return new YNode.YSeq(items, pos);
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        YNode.YScalar.Type type;
        if (Tag.INT.equals(tag)) {
            type = YNode.YScalar.Type.INT;
        } else if (Tag.FLOAT.equals(tag)) {
            type = YNode.YScalar.Type.FLOAT;
        } else if (Tag.BOOL.equals(tag)) {
            type = YNode.YScalar.Type.BOOL;
        } else if (Tag.NULL.equals(tag)) {
            type = YNode.YScalar.Type.NULL;
        } else {
            type = YNode.YScalar.Type.STRING;
        }
        String text = type == YNode.YScalar.Type.STRING ? interpolator.resolve(scalar.getValue(), pos) : scalar.getValue();
        YNode.YScalar.Style style = switch (scalar.getScalarStyle()) {
            case SINGLE_QUOTED, DOUBLE_QUOTED -> YNode.YScalar.Style.QUOTED;
            case LITERAL, FOLDED -> YNode.YScalar.Style.BLOCK;
            default -> YNode.YScalar.Style.PLAIN;
        };
        return new YNode.YScalar(text, type, pos, style);
    }
}
