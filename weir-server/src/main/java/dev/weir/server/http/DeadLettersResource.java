package dev.weir.server.http;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.deadletter.DeadLetterHeaders;
import dev.weir.server.ProjectRuntime;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/dead-letters}: the records the pipelines could not process, with why (the
 * {@code weir.*} headers decoded), and replaying chosen ones to the topics they came from.
 */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public final class DeadLettersResource {

    private final ProjectRuntime runtime;
    private final TopicReader reader;
    private final DeadLetterReplay replay;

    DeadLettersResource(ProjectRuntime runtime, TopicReader reader, DeadLetterReplay replay) {
        this.runtime = runtime;
        this.reader = reader;
        this.replay = replay;
    }

    record Source(String topic, Integer partition, Long offset) {
    }

    record DeadLetterView(String topic, int partition, long offset, String timestamp, String key, String pipeline,
                          String step, String rule, String error, Source source, String replayedFrom,
                          String payloadText, String payloadBase64, Map<String, String> headers) {
    }

    /** One dead-letter record to replay, by where it sits in its dead-letter topic. */
    public record Coordinates(String topic, Integer partition, Long offset) {
    }

    record Replayed(List<DeadLetterReplay.Result> replayed) {
    }

    @GET
    public List<DeadLetterView> deadLetters(@QueryParam("pipeline") String pipeline,
                                            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > TopicsResource.MAX_LIMIT) {
            throw ApiError.badRequest("limit must be between 1 and " + TopicsResource.MAX_LIMIT + ", was " + limit);
        }
        Set<String> topics = new LinkedHashSet<>();
        for (CompiledPipeline p : runtime.pipelines()) {
            if (pipeline == null || pipeline.isEmpty() || p.name().equals(pipeline)) {
                topics.add(p.pipeline().errors().deadLetterTopic());
            }
        }
        if (topics.isEmpty()) {
            throw ApiError.notFound("no pipeline '" + pipeline + "' in project " + runtime.project().name());
        }
        List<DeadLetterView> out = new ArrayList<>();
        for (String topic : topics) {
            for (ConsumerRecord<byte[], byte[]> r : reader.tail(topic, limit)) {
                DeadLetterView v = view(r);
                if (pipeline == null || pipeline.isEmpty() || pipeline.equals(v.pipeline())) {
                    out.add(v);
                }
            }
        }
        out.sort(Comparator.comparing(DeadLetterView::timestamp).reversed()
                .thenComparing(DeadLetterView::topic).thenComparing(DeadLetterView::offset, Comparator.reverseOrder()));
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Replayed replay(List<Coordinates> records) {
        if (records == null || records.isEmpty()) {
            throw ApiError.badRequest("send a JSON list of dead-letter records to replay: [{\"topic\": ..., \"partition\": ..., \"offset\": ...}]");
        }
        return new Replayed(replay.replay(records));
    }

    static DeadLetterView view(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = TopicsResource.headers(r);
        String partition = headers.get(DeadLetterHeaders.SOURCE_PARTITION);
        String offset = headers.get(DeadLetterHeaders.SOURCE_OFFSET);
        Source source = headers.containsKey(DeadLetterHeaders.SOURCE_TOPIC)
                ? new Source(headers.get(DeadLetterHeaders.SOURCE_TOPIC), parseInt(partition), parseLong(offset)) : null;
        byte[] payload = r.value();
        return new DeadLetterView(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()).toString(),
                TopicsResource.key(r), headers.get(DeadLetterHeaders.PIPELINE), headers.get(DeadLetterHeaders.STEP),
                headers.get(DeadLetterHeaders.RULE), headers.get(DeadLetterHeaders.ERROR), source,
                headers.get(DeadLetterReplay.REPLAYED_FROM),
                payload == null ? null : RecordDecoder.utf8(payload).orElse(null),
                payload == null ? null : Base64.getEncoder().encodeToString(payload), headers);
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
