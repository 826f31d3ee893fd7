package dev.weir.server;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Interpolator;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client properties for a real cluster (TLS, SASL, timeouts) from a properties file, with
 * {@code ${env:NAME}} and {@code ${file:path}} references resolved so secrets stay out of files.
 * They apply to every client Weir makes: admin, producers, and Kafka Streams.
 */
public final class ClientConfig {

    private ClientConfig() {
    }

    public static Map<String, Object> load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw SpecException.at(Position.of(file.toString()), "cannot read client config: " + e.getMessage());
        }
        Interpolator interpolator = new Interpolator(env, file.toAbsolutePath().getParent());
        Map<String, Object> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(line));
            } catch (IOException | IllegalArgumentException e) {
                throw SpecException.at(new Position(file.toString(), i + 1, 1), "invalid property line: " + e.getMessage());
            }
            Position pos = new Position(file.toString(), i + 1, 1);
            for (String name : one.stringPropertyNames()) {
                out.put(name, interpolator.resolve(one.getProperty(name), pos));
            }
        }
        return out;
    }
}
