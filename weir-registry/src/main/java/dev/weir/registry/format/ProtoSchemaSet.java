package dev.weir.registry.format;

import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import com.squareup.wire.schema.internal.parser.TypeElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A .proto schema as registered, parsed by Wire: the file itself, the files it imports (from the
 * schema's references, by import path) and every message and enum they declare, by full name.
 */
final class ProtoSchemaSet {

    /** The name the registered file is parsed under; messages about it leave the name out. */
    static final String MAIN = "schema.proto";

    /** Imports the registry knows without a reference, as Confluent's does; their types are opaque. */
    private static final List<String> BUILT_IN = List.of("google/protobuf/", "google/type/", "confluent/");
    private static final Pattern SYNTAX_ERROR = Pattern.compile("Syntax error in .*?:(\\d+):(\\d+): (.*)", Pattern.DOTALL);
    private static final Pattern DUPLICATE = Pattern.compile("(\\S+) \\((\\d+:\\d+)\\) is already defined at (\\d+:\\d+)");
    private static final String WIRE_HEADER = "// Proto schema formatted by Wire";

    /** A message or enum: its full name, its file's package ("" for none) and whether the registered file declares it. */
    record TypeInfo(String fullName, String packageName, TypeElement element, boolean inMain) {

        String localName() {
            return packageName.isEmpty() ? fullName : fullName.substring(packageName.length() + 1);
        }

        boolean isMessage() {
            return element instanceof MessageElement;
        }
    }

    private final ProtoFileElement main;
    private final List<ProtoFileElement> files = new ArrayList<>();
    private final Map<String, TypeInfo> types = new LinkedHashMap<>();
    private boolean builtInImports;

    private ProtoSchemaSet(ProtoFileElement main) {
        this.main = main;
    }

    /** @throws InvalidSchemaException when a file does not parse or an import is not among the references */
    static ProtoSchemaSet load(SchemaText text) {
        ProtoSchemaSet set = new ProtoSchemaSet(parse(MAIN, text.schema(), ""));
        set.add(set.main, true);
        set.addImports(set.main, text.references(), new HashSet<>());
        return set;
    }

    ProtoFileElement main() {
        return main;
    }

    List<ProtoFileElement> files() {
        return files;
    }

    /** True when the file imports a well-known file (google/protobuf/...), whose types cannot be looked up. */
    boolean hasBuiltInImports() {
        return builtInImports;
    }

    String packageName() {
        return main.getPackageName() == null ? "" : main.getPackageName();
    }

    /** Every message and enum of the registered file, nested ones after their parent. */
    List<TypeInfo> mainTypes() {
        return types.values().stream().filter(TypeInfo::inMain).toList();
    }

    TypeInfo mainType(String localName) {
        return types.get(packageName().isEmpty() ? localName : packageName() + "." + localName);
    }

    Set<String> localNames() {
        Set<String> names = new TreeSet<>();
        types.values().forEach(t -> names.add(t.localName()));
        return names;
    }

    /**
     * The type a field of a message in {@code scope} (a full name) means by {@code name}, by
     * Protobuf's scoping rules: innermost enclosing scope first. Null when nothing matches.
     */
    TypeInfo resolve(String name, String scope) {
        if (name.startsWith(".")) {
            return types.get(name.substring(1));
        }
        String prefix = scope;
        while (true) {
            TypeInfo found = types.get(prefix.isEmpty() ? name : prefix + "." + name);
            if (found != null || prefix.isEmpty()) {
                return found;
            }
            int dot = prefix.lastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.substring(0, dot);
        }
    }

    /** Wire's normalized formatting of the registered file, without Wire's banner comment. */
    String canonical() {
        String schema = main.toSchema();
        int end = schema.indexOf("\n\n");
        return schema.startsWith(WIRE_HEADER) && end >= 0 ? schema.substring(end + 2) : schema;
    }

    private void addImports(ProtoFileElement file, Map<String, String> references, Set<String> loaded) {
        List<String> imports = new ArrayList<>(file.getImports());
        imports.addAll(file.getPublicImports());
        imports.addAll(file.getWeakImports());
        for (String path : imports) {
            if (!references.containsKey(path) && BUILT_IN.stream().anyMatch(path::startsWith)) {
                builtInImports = true;
            } else if (!references.containsKey(path)) {
                throw new InvalidSchemaException("import \"" + path + "\" is not among the schema's references"
                        + (references.isEmpty() ? "" : " (" + String.join(", ", new TreeSet<>(references.keySet())) + ")"));
            } else if (loaded.add(path)) {
                ProtoFileElement imported = parse(path, references.get(path), "import \"" + path + "\": ");
                add(imported, false);
                addImports(imported, references, loaded);
            }
        }
    }

    private void add(ProtoFileElement file, boolean inMain) {
        files.add(file);
        String packageName = file.getPackageName() == null ? "" : file.getPackageName();
        index(file.getTypes(), packageName, packageName, inMain);
    }

    private void index(List<TypeElement> elements, String prefix, String packageName, boolean inMain) {
        for (TypeElement element : elements) {
            String fullName = prefix.isEmpty() ? element.getName() : prefix + "." + element.getName();
            TypeInfo existing = types.put(fullName, new TypeInfo(fullName, packageName, element, inMain));
            if (existing != null) {
                throw new InvalidSchemaException(ProtoSchemaCheck.where(element.getLocation()) + ": " + fullName
                        + " is already defined " + ProtoSchemaCheck.where(existing.element().getLocation()));
            }
            index(element.getNestedTypes(), fullName, packageName, inMain);
        }
    }

    private static ProtoFileElement parse(String path, String text, String label) {
        if (text == null || text.isBlank()) {
            throw new InvalidSchemaException(label + "the schema text is empty");
        }
        try {
            return ProtoParser.Companion.parse(Location.get(path), text);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            Matcher syntax = SYNTAX_ERROR.matcher(message);
            if (syntax.matches()) {
                throw new InvalidSchemaException(
                        label + "syntax error at " + syntax.group(1) + ":" + syntax.group(2) + ": " + syntax.group(3), e);
            }
            Matcher duplicate = DUPLICATE.matcher(message.replace(path + ":", ""));
            if (duplicate.matches()) {
                throw new InvalidSchemaException(label + "at " + duplicate.group(2) + ": " + duplicate.group(1)
                        + " is already defined at " + duplicate.group(3), e);
            }
            throw new InvalidSchemaException(label + message.replace(path + ":", ""), e);
        }
    }
}
