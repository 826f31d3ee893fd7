package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.Optional;

/**
 * The schema registry a project's registry formats (avro, json-schema, protobuf) use: any
 * Confluent-compatible one (Weir's own, Confluent, Apicurio's compatibility API, Karapace).
 * Credentials come from the environment: {@code password: ${env:REGISTRY_PASSWORD}}.
 */
public record RegistrySettings(String url, Optional<String> username, Optional<String> password, Position pos) {

    public static RegistrySettings parse(YNode node) {
        Fields f = Fields.of(node, "registry");
        String url = f.requiredString("url");
        Optional<String> username = f.optionalString("username");
        Optional<String> password = f.optionalString("password");
        f.finish();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw SpecException.at(f.required("url").pos(), "registry url must start with http:// or https://",
                    "e.g. url: http://localhost:8081");
        }
        return new RegistrySettings(url, username, password, node.pos());
    }
}
