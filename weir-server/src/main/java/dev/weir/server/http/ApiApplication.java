package dev.weir.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The JSON API, {@code /metrics} and the dashboard's files, as one Jersey application. */
final class ApiApplication {

    /**
     * Jersey warns, wrongly, that resources registered as instances are providers it ignores;
     * kept here so the logger and its level are not collected (as in the schema registry's API).
     */
    private static final Logger JERSEY_PROVIDERS = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        JERSEY_PROVIDERS.setLevel(Level.SEVERE);
    }

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ApiApplication() {
    }

    static ResourceConfig of(ApiSources sources, KafkaAccess kafka, RateHistory history) {
        TopicReader reader = new TopicReader(kafka);
        RecordDecoder decoder = new RecordDecoder(sources.runtime().project(), sources.registry());
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(new JacksonJsonProvider(MAPPER));
        config.register(new ErrorMapper());
        config.register(new ProjectResource(sources.runtime(), sources.registry(), Instant.now()));
        config.register(new PipelinesResource(sources.runtime(), history, sources.lag()));
        config.register(new TopicsResource(sources.runtime(), kafka, reader, decoder));
        config.register(new DeadLettersResource(sources.runtime(), reader, new DeadLetterReplay(sources.runtime(), kafka, reader)));
        config.register(new LagResource(sources.lag()));
        config.register(new AlertsResource(sources.alerts()));
        config.register(new LineageResource(sources.runtime(), sources.lineage(), history));
        config.register(new SchemasResource(sources.registry().map(SchemaRegistryBrowser::new)));
        config.register(new ConnectorsResource());
        config.register(new MetricsResource(sources.metrics()));
        config.register(new DashboardResource());
        return config;
    }
}
