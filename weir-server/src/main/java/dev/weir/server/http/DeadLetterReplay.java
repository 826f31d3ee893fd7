package dev.weir.server.http;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.deadletter.DeadLetterHeaders;
import dev.weir.server.ProjectRuntime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts dead-lettered records back on the topics they came from, so the pipeline processes them
 * again (after a fix to its rules, or once what it enriches with has arrived). What is replayed is
 * the original record, read at the source offset the dead letter names, with its key, value and
 * headers as they were; when the source topic no longer holds it, the dead letter's own key and
 * payload are. Each replayed record carries {@value #REPLAYED_FROM} = {@code dlq-topic/partition/offset}.
 * Every requested record is checked before any is sent: a bad request replays nothing.
 */
final class DeadLetterReplay {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    /** The header naming the dead letter a replayed record came from: {@code topic/partition/offset}. */
    static final String REPLAYED_FROM = "weir.replayed-from";
    static final int MAX_RECORDS = 500;

    private static final Set<String> DEAD_LETTER_HEADERS = Set.of(DeadLetterHeaders.PIPELINE, DeadLetterHeaders.STEP,
            DeadLetterHeaders.RULE, DeadLetterHeaders.ERROR, DeadLetterHeaders.SOURCE_TOPIC, DeadLetterHeaders.SOURCE_PARTITION,
            DeadLetterHeaders.SOURCE_OFFSET, REPLAYED_FROM);

    /**
     * One replayed record: the dead letter, where its copy was written, and whether the copy is the
     * original source record ({@code source-record}) or the dead letter's payload ({@code dead-letter}).
     */
    record Result(String deadLetterTopic, int deadLetterPartition, long deadLetterOffset, String topic, int partition,
                  long offset, String from) {
    }

    private record Planned(ConsumerRecord<byte[], byte[]> deadLetter, String sourceTopic, Integer sourcePartition,
                           Long sourceOffset) {
    }

    private final ProjectRuntime runtime;
    private final KafkaAccess kafka;
    private final TopicReader reader;

    DeadLetterReplay(ProjectRuntime runtime, KafkaAccess kafka, TopicReader reader) {
        this.runtime = runtime;
        this.kafka = kafka;
        this.reader = reader;
    }

    List<Result> replay(List<DeadLettersResource.Coordinates> requested) {
        if (requested.size() > MAX_RECORDS) {
            throw ApiError.badRequest("at most " + MAX_RECORDS + " records per replay, got " + requested.size());
        }
        Set<String> deadLetterTopics = new LinkedHashSet<>();
        runtime.pipelines().stream().map(CompiledPipeline::pipeline).forEach(p -> deadLetterTopics.add(p.errors().deadLetterTopic()));
        List<Planned> plan = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (DeadLettersResource.Coordinates c : requested) {
            if (c == null || c.topic() == null || c.partition() == null || c.offset() == null) {
                throw ApiError.badRequest("each record to replay needs topic, partition and offset");
            }
            String where = c.topic() + "/" + c.partition() + "/" + c.offset();
            if (!deadLetterTopics.contains(c.topic())) {
                throw ApiError.badRequest("'" + c.topic() + "' is not a dead-letter topic of project " + runtime.project().name()
                        + " (those are: " + String.join(", ", deadLetterTopics) + ")");
            }
            if (!seen.add(where)) {
                continue;
            }
            ConsumerRecord<byte[], byte[]> r = reader.read(c.topic(), c.partition(), c.offset())
                    .orElseThrow(() -> ApiError.notFound("no record at " + where + " (deleted by retention, or never written)"));
            DeadLettersResource.DeadLetterView v = DeadLettersResource.view(r);
            if (v.source() == null || v.source().topic() == null) {
                throw ApiError.badRequest("the record at " + where + " has no " + DeadLetterHeaders.SOURCE_TOPIC
                        + " header, so where it came from is unknown");
            }
            plan.add(new Planned(r, v.source().topic(), v.source().partition(), v.source().offset()));
        }
        List<Result> results = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (Planned p : plan) {
                results.add(send(producer, p));
            }
        }
        return results;
    }

    private Result send(KafkaProducer<byte[], byte[]> producer, Planned p) {
        ConsumerRecord<byte[], byte[]> dead = p.deadLetter();
        String from = dead.topic() + "/" + dead.partition() + "/" + dead.offset();
        Optional<ConsumerRecord<byte[], byte[]>> original = p.sourcePartition() == null || p.sourceOffset() == null
                ? Optional.empty() : reader.read(p.sourceTopic(), p.sourcePartition(), p.sourceOffset());
        ConsumerRecord<byte[], byte[]> copyOf = original.orElse(dead);
        RecordHeaders headers = new RecordHeaders();
        for (Header h : copyOf.headers()) {
            if (!DEAD_LETTER_HEADERS.contains(h.key())) {
                headers.add(h);
            }
        }
        headers.add(REPLAYED_FROM, from.getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(p.sourceTopic(), null, copyOf.key(), copyOf.value(), headers);
        try {
            RecordMetadata m = producer.send(record).get(30, TimeUnit.SECONDS);
            LOG.info("Replayed dead letter {} to {}/{}/{}", from, m.topic(), m.partition(), m.offset());
            return new Result(dead.topic(), dead.partition(), dead.offset(), m.topic(), m.partition(), m.offset(),
                    original.isPresent() ? "source-record" : "dead-letter");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw ApiError.unavailable("cannot write the replay of " + from + " to '" + p.sourceTopic() + "': " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted while replaying " + from);
        }
    }
}
