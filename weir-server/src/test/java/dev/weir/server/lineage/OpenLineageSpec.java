package dev.weir.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.MapSchemaLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks events against the OpenLineage 2-0-2 JSON Schema (a copy in the test resources, never
 * fetched), with formats (uuid, uri, date-time) asserted, and Weir's facets against
 * docs/lineage/weir-facets.json.
 */
final class OpenLineageSpec {

    private static final String CORE = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchema runEvent;
    private final JsonSchema pipelineFacet;
    private final JsonSchema runFacet;

    OpenLineageSpec() {
        Map<String, String> files = Map.of(
                CORE, resource("/openlineage/OpenLineage-2-0-2.json"),
                OpenLineageJob.WEIR_FACETS, read(Path.of("..", "docs", "lineage", "weir-facets.json")));
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaLoaders(loaders -> loaders.add(new MapSchemaLoader(files))));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        runEvent = factory.getSchema(SchemaLocation.of(OpenLineageJob.SPEC), config);
        pipelineFacet = factory.getSchema(SchemaLocation.of(OpenLineageJob.PIPELINE_FACET), config);
        runFacet = factory.getSchema(SchemaLocation.of(OpenLineageJob.RUN_FACET), config);
    }

    /** What is wrong with the event, nothing if it is a valid RunEvent whose Weir facets are valid too. */
    List<String> problems(String event) {
        JsonNode node;
        try {
            node = JSON.readTree(event);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        runEvent.validate(node).stream().map(ValidationMessage::getMessage).forEach(out::add);
        JsonNode pipeline = node.path("job").path("facets").path("weir_pipeline");
        if (!pipeline.isMissingNode()) {
            pipelineFacet.validate(pipeline).stream().map(m -> "weir_pipeline: " + m.getMessage()).forEach(out::add);
        }
        JsonNode run = node.path("run").path("facets").path("weir_run");
        if (!run.isMissingNode()) {
            runFacet.validate(run).stream().map(m -> "weir_run: " + m.getMessage()).forEach(out::add);
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = OpenLineageSpec.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
