package dev.weir.registry.rest;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import dev.weir.registry.store.Registry;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The Confluent Schema Registry REST API over a {@link Registry}, as a Jersey application. */
public final class RegistryApi {

    /**
     * Jersey warns, wrongly, that resources registered as instances are providers it ignores (Kafka
     * Connect's log shows the same lines); kept here so the logger and its level are not collected.
     */
    private static final Logger JERSEY_PROVIDERS = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        JERSEY_PROVIDERS.setLevel(Level.SEVERE);
    }

    private RegistryApi() {
    }

    /**
     * @param users user name to password for basic authentication; empty for none
     */
    public static ResourceConfig application(Registry registry, Map<String, String> users) {
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(new JacksonJsonProvider(ApiJson.MAPPER));
        config.register(new ErrorMapper());
        if (!users.isEmpty()) {
            config.register(new BasicAuthFilter(users));
        }
        config.register(new RootResource());
        config.register(new SubjectsResource(registry));
        config.register(new SubjectVersionsResource(registry));
        config.register(new SchemasResource(registry));
        config.register(new CompatibilityResource(registry));
        config.register(new ConfigResource(registry));
        config.register(new ModeResource(registry));
        return config;
    }
}
