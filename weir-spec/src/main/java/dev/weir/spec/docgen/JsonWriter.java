package dev.weir.spec.docgen;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes a tree of maps, lists, strings, numbers and booleans as indented JSON. Enough for a schema; no parsing. */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {
    }

    static String write(Object tree) {
        JsonWriter w = new JsonWriter();
        w.value(tree, 0);
        return w.out.append('\n').toString();
    }

    private void value(Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Map<?, ?> m) {
            object(m, depth);
        } else if (v instanceof List<?> l) {
            array(l, depth);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    private void object(Map<?, ?> m, int depth) {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            newline(depth + 1);
            string(e.getKey().toString());
            out.append(": ");
            value(e.getValue(), depth + 1);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        newline(depth);
        out.append('}');
    }

    private void array(List<?> l, int depth) {
        boolean simple = l.stream().allMatch(i -> !(i instanceof Map<?, ?>) && !(i instanceof List<?>));
        if (l.isEmpty() || simple) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                value(l.get(i), depth);
            }
            out.append(']');
            return;
        }
        out.append('[');
        for (int i = 0; i < l.size(); i++) {
            newline(depth + 1);
            value(l.get(i), depth + 1);
            if (i < l.size() - 1) {
                out.append(',');
            }
        }
        newline(depth);
        out.append(']');
    }

    private void newline(int depth) {
        out.append('\n').append("  ".repeat(depth));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
