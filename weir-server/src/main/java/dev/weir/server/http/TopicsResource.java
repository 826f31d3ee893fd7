package dev.weir.server.http;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.server.ProjectRuntime;
import dev.weir.spec.model.Topic;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code /api/topics}: the cluster's topics with their end offsets and declarations, and the last records of one. */
@Path("/api/topics")
@Produces(MediaType.APPLICATION_JSON)
public final class TopicsResource {

    static final int MAX_LIMIT = 1000;
    static final int MAX_SCAN = 10_000;

    private final ProjectRuntime runtime;
    private final KafkaAccess kafka;
    private final TopicReader reader;
    private final RecordDecoder decoder;

    TopicsResource(ProjectRuntime runtime, KafkaAccess kafka, TopicReader reader, RecordDecoder decoder) {
        this.runtime = runtime;
        this.kafka = kafka;
        this.reader = reader;
        this.decoder = decoder;
    }

    record Declared(int partitions, String format, String schema, String compatibility) {
    }

    record TopicView(String name, int partitions, List<Long> endOffsets, long records, boolean internal,
                     Declared declared, List<String> readBy, List<String> writtenBy) {
    }

    record RecordView(String topic, int partition, long offset, String timestamp, String key, Map<String, String> headers,
                      String format, Map<String, Object> value, String text, String base64, String error) {

        static RecordView of(ConsumerRecord<byte[], byte[]> r, RecordDecoder.Value v) {
            return new RecordView(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()).toString(),
                    TopicsResource.key(r), TopicsResource.headers(r), v.format(), v.fields(), v.text(), v.base64(), v.error());
        }
    }

    record Records(String topic, int scanned, List<RecordView> records) {
    }

    @GET
    public List<TopicView> topics() {
        Admin admin = kafka.admin();
        try {
            Set<String> names = new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                    .get(10, TimeUnit.SECONDS));
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p ->
                    wanted.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            wanted.keySet().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(wanted).all()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                    .get(10, TimeUnit.SECONDS);
            List<TopicView> out = new ArrayList<>();
            for (String name : names) {
                TopicDescription d = descriptions.get(name);
                if (d == null) {
                    continue;
                }
                int partitions = d.partitions().size();
                List<Long> endOffsets = new ArrayList<>(Collections.nCopies(partitions, 0L));
                long records = 0;
                for (var p : d.partitions()) {
                    TopicPartition tp = new TopicPartition(name, p.partition());
                    long end = ends.containsKey(tp) ? ends.get(tp).offset() : 0;
                    long start = starts.containsKey(tp) ? starts.get(tp).offset() : 0;
                    if (p.partition() < partitions) {
                        endOffsets.set(p.partition(), end);
                    }
                    records += Math.max(0, end - start);
                }
                out.add(new TopicView(name, partitions, endOffsets, records, isInternal(name),
                        runtime.project().topic(name).map(TopicsResource::declared).orElse(null),
                        pipelines(name, true), pipelines(name, false)));
            }
            return out;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw ApiError.unavailable("cannot list topics on " + runtime.bootstrapServers() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted while listing topics");
        }
    }

    @GET
    @Path("{name}/records")
    public Records records(@PathParam("name") String topic, @QueryParam("limit") @DefaultValue("50") int limit,
                           @QueryParam("filter") String filter, @QueryParam("contains") String contains,
                           @QueryParam("scan") Integer scan) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiError.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        RecordFilter f = RecordFilter.of(filter, contains);
        int perPartition = scan != null ? scan : f.isEmpty() ? limit : Math.max(limit, 1000);
        if (perPartition < 1 || perPartition > MAX_SCAN) {
            throw ApiError.badRequest("scan must be between 1 and " + MAX_SCAN + ", was " + perPartition);
        }
        List<ConsumerRecord<byte[], byte[]>> tail = reader.tail(topic, perPartition);
        List<RecordView> out = new ArrayList<>();
        for (int i = tail.size() - 1; i >= 0 && out.size() < limit; i--) {
            ConsumerRecord<byte[], byte[]> r = tail.get(i);
            RecordDecoder.Value v = decoder.decode(topic, r.value());
            RecordMeta meta = new RecordMeta(key(r), r.topic(), r.partition(), r.offset(), r.timestamp());
            if (f.matches(v, meta)) {
                out.add(RecordView.of(r, v));
            }
        }
        return new Records(topic, tail.size(), out);
    }

    private List<String> pipelines(String topic, boolean reads) {
        List<String> names = new ArrayList<>();
        for (CompiledPipeline p : runtime.pipelines()) {
            if ((reads ? p.inputTopics() : p.outputTopics()).contains(topic)) {
                names.add(p.name());
            }
        }
        return names;
    }

    /** Kafka Streams' own topics (changelogs, repartitions) and Weir's ({@code _weir_*}). */
    static boolean isInternal(String name) {
        return name.startsWith("_") || name.endsWith("-changelog") || name.endsWith("-repartition")
                || name.contains("-KSTREAM-") || name.contains("-KTABLE-");
    }

    private static Declared declared(Topic t) {
        return new Declared(t.partitions(), t.format().name().toLowerCase().replace('_', '-'),
                t.schema().map(s -> s.path()).orElse(null), t.compatibility().name());
    }

    static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? null : RecordDecoder.utf8(r.key()).orElseGet(() -> java.util.Base64.getEncoder().encodeToString(r.key()));
    }

    static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            m.put(h.key(), h.value() == null ? null : RecordDecoder.utf8(h.value())
                    .orElseGet(() -> java.util.Base64.getEncoder().encodeToString(h.value())));
        }
        return m;
    }
}
