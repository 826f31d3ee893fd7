package dev.weir.spec.yaml;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}}, {@code ${env:NAME:-default}} and {@code ${file:path}} in scalar
 * values, so secrets stay out of the repository. {@code $${...}} is a literal {@code ${...}}.
 */
public final class Interpolator {

    private static final Pattern REF = Pattern.compile("\\$?\\$\\{(env|file):([^}:]+)(?::-([^}]*))?}");

    private static final Interpolator NONE = new Interpolator(Map.of(), Path.of(""), false);

    private final Map<String, String> env;
    private final Path baseDir;
    private final boolean enabled;

    public Interpolator(Map<String, String> env, Path baseDir) {
        this(env, baseDir, true);
    }

    private Interpolator(Map<String, String> env, Path baseDir, boolean enabled) {
        this.env = Map.copyOf(env);
        this.baseDir = baseDir;
        this.enabled = enabled;
    }

    public static Interpolator system(Path baseDir) {
        return new Interpolator(System.getenv(), baseDir);
    }

    /** Leaves every value as written: for files that are data, such as schemas, not configuration. */
    public static Interpolator none() {
        return NONE;
    }

    public String resolve(String text, Position pos) {
        if (!enabled || text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().startsWith("$$")) {
                replacement = m.group().substring(1);
            } else if (m.group(1).equals("env")) {
                String value = env.get(m.group(2));
                if (value == null) {
                    if (m.group(3) == null) {
                        throw SpecException.at(pos, "environment variable '" + m.group(2) + "' is not set",
                                "export it, or give a default: ${env:" + m.group(2) + ":-value}");
                    }
                    value = m.group(3);
                }
                replacement = value;
            } else {
                Path file = baseDir.resolve(m.group(2));
                try {
                    replacement = Files.readString(file).strip();
                } catch (IOException e) {
                    if (m.group(3) == null) {
                        throw SpecException.at(pos, "cannot read file '" + file + "' referenced by ${file:"
                                + m.group(2) + "}", "paths are relative to the project directory");
                    }
                    replacement = m.group(3);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
