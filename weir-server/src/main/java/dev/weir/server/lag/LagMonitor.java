package dev.weir.server.lag;

import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagStatus;
import dev.weir.server.observe.LagView;
import dev.weir.server.observe.PartitionLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsResult;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Watches consumer groups' lag over time, as LinkedIn's Burrow does, with Kafka's Admin client:
 * every {@link LagSettings#interval() interval} it reads each group's committed offsets, its
 * members, and the end offsets of the partitions it committed, records an observation per
 * partition, and judges each partition's window with a {@link LagEvaluator}. {@link #groups()}
 * returns the latest judgement of every group, an immutable snapshot safe to read from any thread.
 *
 * <h2>When a poll counts as a commit</h2>
 * Burrow reads every commit from {@code __consumer_offsets} with its time. The Admin client shows
 * only the latest committed offset: {@code OffsetAndMetadata} carries no commit time, and a group
 * that commits the same offset again looks exactly like one that stopped committing. So the
 * monitor decides from the group's membership ({@code describeConsumerGroups}), which Kafka does
 * report, when a poll is an observation:
 * <ul>
 *   <li>the committed offset changed since the last observation: somebody committed, now;</li>
 *   <li>a live member of the group owns the partition: it is consuming, and its offset is taken
 *       as (re)committed now, moved or not;</li>
 *   <li>otherwise (no member owns the partition and the offset did not move) nothing is recorded:
 *       nobody commits it.</li>
 * </ul>
 * So a group whose members hold the partition but do not move its offset while lag exists fills
 * its window with the same offset: <b>STALL</b> (alive but stuck). A group whose members left
 * (closed, crashed, or never started) records nothing more, the time since its newest observation
 * outgrows the window: <b>STOP</b>. The first sighting of a partition counts as an observation
 * at that time (its real commit time is unknown), so a group found already stopped is reported
 * STOP one window's time ({@code (window - 1) x interval}) after the monitor starts.
 *
 * <p>Groups that commit without membership (consumers using {@code assign()}, Flink, Spark) are
 * seen only through their offset changes: they can be OK, WARN, REWIND or STOP, never STALL.
 *
 * <h2>End offsets</h2>
 * End offsets are read with {@link IsolationLevel#READ_COMMITTED}, that is the last stable offset:
 * records of a transaction still open are not lag for an exactly-once pipeline, which cannot read
 * them yet. (Transaction markers after the last record are not lag either: a read-committed
 * consumer, Kafka Streams included, commits the position past them.) A hanging transaction holds
 * the last stable offset back, so its records never show as lag.
 *
 * <h2>Failures</h2>
 * The poll loop runs on its own daemon thread and never dies: a cluster it cannot reach is logged
 * once (and its recovery once), and meanwhile {@link #groups()} keeps the last judgement, whose
 * {@link GroupLag#evaluatedAt()} shows its age. A group that cannot be read in one poll keeps its
 * previous judgement; a partition whose end offset cannot be read (its topic was deleted) is left
 * out.
 */
public final class LagMonitor implements LagView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
    private static final int ADMIN_TIMEOUT_MS = 15_000;
    private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final String bootstrapServers;
    private final Map<String, Object> adminConfig;
    private final LagSettings settings;
    private final LagEvaluator evaluator;

    private final Object lifecycle = new Object();
    private Thread thread;
    private Admin admin;
    private volatile boolean closed;
    private volatile List<GroupLag> snapshot = List.of();

    // Touched by the poll thread only.
    private Map<String, Map<TopicPartition, CommitWindow>> windows = new HashMap<>();
    private boolean reachable = true;

    /**
     * @param bootstrapServers the cluster
     * @param clientConfig     Kafka client properties (TLS, SASL, timeouts) for the Admin client
     * @param settings         what to watch, how often, over how many observations
     */
    public LagMonitor(String bootstrapServers, Map<String, Object> clientConfig, LagSettings settings) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers can't be null");
        this.settings = Objects.requireNonNull(settings, "settings can't be null");
        Map<String, Object> config = new HashMap<>(Objects.requireNonNull(clientConfig, "clientConfig can't be null"));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "weir-lag-monitor");
        // Bounds each poll while the cluster is away, so an outage is noticed in seconds, not a minute.
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
        this.adminConfig = Map.copyOf(config);
        this.evaluator = new LagEvaluator(settings.interval());
    }

    /** Starts polling on a daemon thread; the first judgement follows within one poll. */
    public LagMonitor start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the lag monitor is closed");
            }
            if (thread != null) {
                throw new IllegalStateException("the lag monitor is already started");
            }
            admin = Admin.create(adminConfig);
            thread = new Thread(this::run, "weir-lag-monitor");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    public LagSettings settings() {
        return settings;
    }

    /** The latest judgement of every group watched, sorted by group; empty until the first poll. */
    @Override
    public List<GroupLag> groups() {
        return snapshot;
    }

    @Override
    public void close() {
        Thread t;
        Admin a;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
            a = admin;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (a != null) {
            a.close(Duration.ofSeconds(5));
        }
    }

    private void run() {
        long intervalNanos = settings.interval().toNanos();
        while (!closed) {
            long started = System.nanoTime();
            try {
                poll(Instant.now());
                if (!reachable) {
                    reachable = true;
                    LOG.info("consumer lag is read from {} again", bootstrapServers);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                if (reachable) {
                    reachable = false;
                    LOG.warn("consumer lag cannot be read from {}: {}; the last judgement is kept and polling goes on every {}",
                            bootstrapServers, reason(e), readable(settings.interval()));
                }
                LOG.debug("lag poll failed", e);
            }
            long sleepNanos = started + intervalNanos - System.nanoTime();
            if (sleepNanos > 0) {
                try {
                    Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void poll(Instant now) throws Exception {
        List<String> groupIds = settings.watchedGroups().isPresent()
                ? settings.watchedGroups().get().stream().sorted().toList()
                : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                        .map(GroupListing::groupId).sorted().toList();
        if (groupIds.isEmpty()) {
            windows = new HashMap<>();
            snapshot = List.of();
            return;
        }

        DescribeConsumerGroupsResult described = admin.describeConsumerGroups(groupIds);
        Map<String, ListConsumerGroupOffsetsSpec> specs = groupIds.stream()
                .collect(Collectors.toMap(Function.identity(), g -> new ListConsumerGroupOffsetsSpec()));
        ListConsumerGroupOffsetsResult listed = admin.listConsumerGroupOffsets(specs);
        Map<String, Set<TopicPartition>> owned = new HashMap<>();
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        Exception failure = null;
        for (String group : groupIds) {
            try {
                owned.put(group, ownedPartitions(described.describedGroups().get(group)));
                committed.put(group, committedOffsets(listed.partitionsToOffsetAndMetadata(group)));
            } catch (ExecutionException e) {
                failure = failure == null ? e : failure;
                LOG.debug("cannot read consumer group {}: {}", group, reason(e));
            }
        }
        if (committed.isEmpty()) {
            throw failure;
        }

        Map<TopicPartition, Long> ends = endOffsets(committed.values().stream()
                .flatMap(m -> m.keySet().stream()).collect(Collectors.toSet()));

        Map<String, GroupLag> previous = snapshot.stream().collect(Collectors.toMap(GroupLag::group, Function.identity()));
        Map<String, Map<TopicPartition, CommitWindow>> nextWindows = new HashMap<>();
        List<GroupLag> judged = new ArrayList<>();
        for (String group : groupIds) {
            if (!committed.containsKey(group)) {
                // Not readable this time: keep what was known.
                if (windows.containsKey(group)) {
                    nextWindows.put(group, windows.get(group));
                }
                if (previous.containsKey(group)) {
                    judged.add(previous.get(group));
                }
                continue;
            }
            Map<TopicPartition, CommitWindow> groupWindows = new HashMap<>();
            judged.add(judge(group, committed.get(group), owned.get(group), ends,
                    windows.getOrDefault(group, Map.of()), groupWindows, now));
            nextWindows.put(group, groupWindows);
        }
        windows = nextWindows;
        snapshot = List.copyOf(judged);
    }

    private GroupLag judge(String group, Map<TopicPartition, Long> committed, Set<TopicPartition> owned,
                           Map<TopicPartition, Long> ends, Map<TopicPartition, CommitWindow> before,
                           Map<TopicPartition, CommitWindow> after, Instant now) {
        LagStatus status = LagStatus.OK;
        long totalLag = 0;
        List<PartitionLag> partitions = new ArrayList<>();
        List<TopicPartition> sorted = committed.keySet().stream().sorted(BY_TOPIC_AND_PARTITION).toList();
        for (TopicPartition tp : sorted) {
            Long end = ends.get(tp);
            if (end == null) {
                continue;
            }
            long offset = committed.get(tp);
            CommitWindow window = before.getOrDefault(tp, CommitWindow.empty(settings.window()));
            boolean moved = window.isEmpty() || window.last().committedOffset() != offset;
            if (moved || owned.contains(tp)) {
                window = window.with(new OffsetObservation(offset, end, now));
            }
            after.put(tp, window);
            LagStatus partitionStatus = evaluator.evaluate(window, end, now);
            long lag = OffsetObservation.lag(offset, end);
            partitions.add(new PartitionLag(tp.topic(), tp.partition(), offset, end, lag, partitionStatus));
            status = status.worst(partitionStatus);
            totalLag += lag;
        }
        return new GroupLag(group, status, totalLag, now, partitions);
    }

    /** The partitions the group's live members hold; none for an empty or unknown group. */
    private static Set<TopicPartition> ownedPartitions(KafkaFuture<ConsumerGroupDescription> description)
            throws ExecutionException, InterruptedException {
        try {
            Set<TopicPartition> owned = new HashSet<>();
            for (MemberDescription m : description.get().members()) {
                owned.addAll(m.assignment().topicPartitions());
            }
            return owned;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Set.of();
            }
            throw e;
        }
    }

    private static Map<TopicPartition, Long> committedOffsets(KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> offsets)
            throws ExecutionException, InterruptedException {
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.get().forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        Map<TopicPartition, Long> ends = new HashMap<>();
        Exception failure = null;
        for (TopicPartition tp : partitions) {
            try {
                ends.put(tp, result.partitionResult(tp).get().offset());
            } catch (ExecutionException e) {
                // A deleted topic's partitions are left out; anything else may be the cluster going away.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    failure = failure == null ? e : failure;
                }
                LOG.debug("cannot read the end offset of {}: {}", tp, reason(e));
            }
        }
        if (ends.isEmpty() && failure != null) {
            throw failure;
        }
        return ends;
    }

    private static String readable(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
