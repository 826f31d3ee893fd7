package dev.weir.registry.format;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;

/** Turns a location inside a schema ({@code /fields/1/type/fields/0}) into the field path it names ({@code address.city}). */
final class AvroFieldPath {

    private AvroFieldPath() {
    }

    static String of(Schema schema, String location) {
        List<String> names = new ArrayList<>();
        String[] tokens = location.startsWith("/") ? location.substring(1).split("/") : location.split("/");
        Schema current = schema;
        for (int i = 0; i < tokens.length && current != null; i++) {
            String token = tokens[i];
            if (token.equals("fields") && i + 1 < tokens.length && current.getType() == Schema.Type.RECORD) {
                int index = parseIndex(tokens[++i]);
                if (index < 0 || index >= current.getFields().size()) {
                    break;
                }
                Schema.Field field = current.getFields().get(index);
                names.add(field.name());
                current = field.schema();
            } else if (token.equals("type")) {
                continue;
            } else if (token.equals("items") && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if (token.equals("values") && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if (current.getType() == Schema.Type.UNION && parseIndex(token) >= 0
                    && parseIndex(token) < current.getTypes().size()) {
                current = current.getTypes().get(parseIndex(token));
            } else {
                break;
            }
        }
        return String.join(".", names);
    }

    private static int parseIndex(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
