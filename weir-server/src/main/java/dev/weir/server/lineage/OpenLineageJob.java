package dev.weir.server.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;
import dev.weir.spec.schema.JsonSchema;
import dev.weir.spec.schema.JsonType;
import org.apache.kafka.common.utils.AppInfoParser;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A pipeline as an OpenLineage job: its name and namespace, its facets (job type, source YAML,
 * Weir's definition facet), and its input and output topics as Kafka datasets with their schema.
 * Makes the run events of that job; the facets follow the OpenLineage 2-0-2 spec.
 */
final class OpenLineageJob {

    static final String SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    static final String JOB_TYPE_FACET = "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
    static final String SOURCE_CODE_FACET = "https://openlineage.io/spec/facets/1-0-1/SourceCodeJobFacet.json#/$defs/SourceCodeJobFacet";
    static final String SCHEMA_FACET = "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    static final String ERROR_FACET = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
    static final String ENGINE_FACET = "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet";
    /** Weir's own facets; their JSON Schema is docs/lineage/weir-facets.json. */
    static final String WEIR_FACETS = "https://weir.dev/spec/facets/1-0-0/WeirFacets.json";
    static final String PIPELINE_FACET = WEIR_FACETS + "#/$defs/WeirPipelineJobFacet";
    static final String RUN_FACET = WEIR_FACETS + "#/$defs/WeirRunFacet";

    static final String VERSION = Optional.ofNullable(OpenLineageJob.class.getPackage().getImplementationVersion())
            .orElse("dev");
    /** Who made the events, as the spec asks: a URI naming Weir and its version. */
    static final String PRODUCER = "https://weir.dev/weir/" + VERSION;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STACK_TRACE = 16_000;

    private final String namespace;
    private final String name;
    private final String definitionHash;
    private final ObjectNode jobFacets;
    private final ArrayNode inputs;
    private final ArrayNode outputs;

    OpenLineageJob(Project project, CompiledPipeline pipeline, String namespace, String datasetNamespace) {
        this.namespace = namespace;
        this.name = pipeline.name();
        this.definitionHash = PipelineDefinition.hash(pipeline.pipeline());
        this.jobFacets = JSON.createObjectNode();
        ObjectNode jobType = facet(JOB_TYPE_FACET);
        jobType.put("processingType", "STREAMING").put("integration", "WEIR").put("jobType", "PIPELINE");
        jobFacets.set("jobType", jobType);
        PipelineDefinition.sourceText(project, pipeline.pipeline()).ifPresent(text ->
                jobFacets.set("sourceCode", facet(SOURCE_CODE_FACET).put("language", "yaml").put("sourceCode", text)));
        ObjectNode weir = facet(PIPELINE_FACET);
        weir.put("project", project.name())
                .put("applicationId", pipeline.applicationId())
                .put("definitionHash", definitionHash)
                .put("guarantee", ProjectLineage.words(pipeline.pipeline().guarantee()))
                .put("deadLetterTopic", pipeline.pipeline().errors().deadLetterTopic());
        jobFacets.set("weir_pipeline", weir);
        this.inputs = datasets(project, pipeline.inputTopics().stream().sorted().toList(), datasetNamespace);
        this.outputs = datasets(project, pipeline.outputTopics().stream().sorted().toList(), datasetNamespace);
    }

    /** {@code kafka://host:port} of the first bootstrap server, as OpenLineage names Kafka datasets. */
    static String datasetNamespace(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].strip();
        int scheme = first.indexOf("://");
        return "kafka://" + (scheme >= 0 ? first.substring(scheme + 3) : first);
    }

    /** The Kafka record key of this job's events. */
    String key() {
        return namespace + "/" + name;
    }

    String definitionHash() {
        return definitionHash;
    }

    /**
     * A START: the run's facets say which definition it runs and how that compares with the
     * previous run recorded for this job.
     */
    LineageEvent start(UUID runId, Instant time, Optional<String> previousHash) {
        ObjectNode runFacets = runFacets();
        ObjectNode run = facet(RUN_FACET).put("definitionHash", definitionHash)
                .put("definitionChange", previousHash.map(h -> h.equals(definitionHash) ? "unchanged" : "changed")
                        .orElse("first-run"));
        previousHash.ifPresent(h -> run.put("previousDefinitionHash", h));
        runFacets.set("weir_run", run);
        return event("START", runId, time, runFacets);
    }

    /** A FAIL, with the error as the errorMessage run facet. */
    LineageEvent fail(UUID runId, Instant time, String message, Optional<Throwable> error) {
        ObjectNode runFacets = runFacets();
        ObjectNode facet = facet(ERROR_FACET).put("message", message).put("programmingLanguage", "JAVA");
        error.ifPresent(e -> facet.put("stackTrace", stackTrace(e)));
        runFacets.set("errorMessage", facet);
        return event("FAIL", runId, time, runFacets);
    }

    /** COMPLETE when the pipeline was closed cleanly, ABORT when it did not close in time. */
    LineageEvent end(UUID runId, Instant time, boolean cleanly) {
        return event(cleanly ? "COMPLETE" : "ABORT", runId, time, runFacets());
    }

    private LineageEvent event(String type, UUID runId, Instant time, ObjectNode runFacets) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventType", type);
        event.put("eventTime", time.toString());
        ObjectNode run = event.putObject("run");
        run.put("runId", runId.toString());
        run.set("facets", runFacets);
        ObjectNode job = event.putObject("job");
        job.put("namespace", namespace);
        job.put("name", name);
        job.set("facets", jobFacets.deepCopy());
        event.set("inputs", inputs.deepCopy());
        event.set("outputs", outputs.deepCopy());
        event.put("producer", PRODUCER);
        event.put("schemaURL", SPEC);
        try {
            return new LineageEvent(key(), type, runId, definitionHash, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event tree always writes as JSON", e);
        }
    }

    private static ObjectNode runFacets() {
        ObjectNode facets = JSON.createObjectNode();
        facets.set("processing_engine", facet(ENGINE_FACET).put("version", AppInfoParser.getVersion())
                .put("name", "Kafka Streams").put("openlineageAdapterVersion", VERSION));
        return facets;
    }

    private static ObjectNode facet(String schemaUrl) {
        return JSON.createObjectNode().put("_producer", PRODUCER).put("_schemaURL", schemaUrl);
    }

    private static ArrayNode datasets(Project project, List<String> topics, String datasetNamespace) {
        ArrayNode out = JSON.createArrayNode();
        for (String topic : topics) {
            ObjectNode dataset = out.addObject().put("namespace", datasetNamespace).put("name", topic);
            Optional<JsonSchema> schema = project.topic(topic).flatMap(Topic::schema).map(s -> s.recordType());
            if (schema.isPresent() && !schema.get().properties().isEmpty()) {
                ObjectNode facet = facet(SCHEMA_FACET);
                facet.set("fields", fields(schema.get().properties()));
                dataset.putObject("facets").set("schema", facet);
            }
        }
        return out;
    }

    /** A record type's fields, nested for objects (and arrays of objects), as the schema facet lists them. */
    private static ArrayNode fields(Map<String, JsonSchema> properties) {
        ArrayNode out = JSON.createArrayNode();
        properties.forEach((field, schema) -> {
            ObjectNode f = out.addObject().put("name", field);
            String types = schema.nonNullTypes().stream().map(JsonType::keyword).sorted().collect(Collectors.joining("|"));
            if (!types.isEmpty()) {
                f.put("type", types);
            }
            Map<String, JsonSchema> nested = !schema.properties().isEmpty() ? schema.properties()
                    : schema.items().map(JsonSchema::properties).orElse(Map.of());
            if (!nested.isEmpty()) {
                f.set("fields", fields(nested));
            }
        });
        return out;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() <= MAX_STACK_TRACE ? text : text.substring(0, MAX_STACK_TRACE) + "\n\t...";
    }
}
