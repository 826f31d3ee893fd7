package dev.weir.server.alerts;

import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.health.HealthCondition;
import dev.weir.engine.health.PipelineHealth;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.engine.validate.AlertRuleChecks;
import dev.weir.server.PipelineRunner;
import dev.weir.server.observe.AlertState;
import dev.weir.server.observe.AlertView;
import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagStatus;
import dev.weir.server.observe.LagView;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.alert.AlertRule;
import dev.weir.spec.model.Project;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Judges a project's alert rules on the pipelines running in this process, every few seconds:
 * samples each pipeline's counters into its own rate history, reads its lag from a
 * {@link LagView}, evaluates each rule's condition on the resulting {@link PipelineHealth}, and
 * moves the rule's alert on that pipeline between OK, PENDING and FIRING. Firing and resolving
 * are events (see {@link AlertEvent}) on the rule's compacted topic and at its webhook.
 *
 * <p>The alerts topic is also where the engine starts from: alerts it finds firing for this
 * project are firing again, and resolve as soon as their condition no longer holds; alerts of
 * rules the project no longer has are resolved at once.
 *
 * <p>Counters are those of this process: when several processes share a pipeline's partitions,
 * each judges its own share of the records (lag is the whole group's).
 */
public final class AlertEngine implements AlertView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    /**
     * How the engine runs: how often it evaluates, the clock it reads (tests move their own), and
     * how patiently it calls webhooks: each request's timeout, the attempts in all, the pause
     * between them.
     */
    public record Settings(Duration tick, Clock clock, Duration webhookTimeout, int webhookAttempts,
                           Duration webhookRetryDelay) {

        public Settings {
            Objects.requireNonNull(tick, "tick can't be null");
            Objects.requireNonNull(clock, "clock can't be null");
            Objects.requireNonNull(webhookTimeout, "webhookTimeout can't be null");
            Objects.requireNonNull(webhookRetryDelay, "webhookRetryDelay can't be null");
            if (tick.isNegative() || tick.isZero()) {
                throw new IllegalArgumentException("tick must be positive, was " + tick);
            }
            if (webhookAttempts < 1) {
                throw new IllegalArgumentException("webhookAttempts must be at least 1, was " + webhookAttempts);
            }
        }

        /** Every 5 seconds on the system clock; webhooks get 10 seconds, 3 attempts, 2 seconds apart. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Clock.systemUTC(), Duration.ofSeconds(10), 3, Duration.ofSeconds(2));
        }

        public Settings withTick(Duration newTick) {
            return new Settings(newTick, clock, webhookTimeout, webhookAttempts, webhookRetryDelay);
        }

        public Settings withClock(Clock newClock) {
            return new Settings(tick, newClock, webhookTimeout, webhookAttempts, webhookRetryDelay);
        }

        public Settings withWebhooks(Duration timeout, int attempts, Duration retryDelay) {
            return new Settings(tick, clock, timeout, attempts, retryDelay);
        }
    }

    /** A rule with its condition compiled. */
    private record Rule(AlertRule spec, HealthCondition condition) {
        String name() {
            return spec.name();
        }

        String topic() {
            return spec.notifyTo().topic();
        }
    }

    /** One rule on one pipeline: where it stands and what it saw last. */
    private static final class Judged {
        final Rule rule;
        final String pipeline;
        final AlertTracker tracker;
        Map<String, Object> values = Map.of();
        Optional<Double> value = Optional.empty();
        Optional<String> problem = Optional.empty();

        Judged(Rule rule, String pipeline, AlertTracker tracker) {
            this.rule = rule;
            this.pipeline = pipeline;
            this.tracker = tracker;
        }
    }

    private final Project project;
    private final List<Rule> rules;
    private final Supplier<List<PipelineRunner.Running>> pipelines;
    private final LagView lag;
    private final String bootstrapServers;
    private final Map<String, Object> clientConfig;
    private final Settings settings;

    // Touched only by evaluate() and start(), which hold this object's lock.
    private final Map<String, RateHistory> histories = new HashMap<>();
    private final Map<String, PipelineMetrics> historyOf = new HashMap<>();
    private final Map<String, Judged> judged = new HashMap<>();
    private final Set<String> failing = new HashSet<>();

    /** What {@link #alerts()} answers, by key, for any thread. */
    private final Map<String, AlertState> states = new ConcurrentSkipListMap<>();
    private AlertPublisher publisher;
    private ScheduledExecutorService ticker;
    private boolean started;
    private volatile boolean closed;

    /**
     * @param project          the project whose {@code alerts/} rules to judge; they are checked
     *                         as {@code weir validate} does, a mistake being a {@link dev.weir.spec.SpecException}
     * @param pipelines        the pipelines running in this process, asked at every evaluation,
     *                         e.g. {@code runtime.runner()::running}
     * @param lag              consumer lag by group; a pipeline's group is its application id
     * @param bootstrapServers the cluster the alerts topics live in
     * @param clientConfig     Kafka client settings (TLS, SASL) for the producer and admin client
     */
    public AlertEngine(Project project, Supplier<List<PipelineRunner.Running>> pipelines, LagView lag,
                       String bootstrapServers, Map<String, Object> clientConfig, Settings settings) {
        this.project = Objects.requireNonNull(project, "project can't be null");
        this.pipelines = Objects.requireNonNull(pipelines, "pipelines can't be null");
        this.lag = Objects.requireNonNull(lag, "lag can't be null");
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers can't be null");
        this.clientConfig = Map.copyOf(clientConfig);
        this.settings = Objects.requireNonNull(settings, "settings can't be null");
        Diagnostics problems = new Diagnostics();
        AlertRuleChecks.check(project, problems);
        problems.throwIfErrors();
        this.rules = project.alerts().stream().map(r -> new Rule(r, HealthCondition.compile(r.condition()))).toList();
    }

    /**
     * Creates the alerts topics that are missing, picks up the alerts found firing there, and
     * starts evaluating every {@link Settings#tick()}. Without rules it does nothing.
     *
     * @throws IllegalStateException when a topic cannot be created or read
     */
    public synchronized AlertEngine start() throws InterruptedException {
        if (started) {
            throw new IllegalStateException("alert engine already started");
        }
        started = true;
        if (rules.isEmpty()) {
            return this;
        }
        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Set<String> topics = rules.stream().map(Rule::topic).collect(Collectors.toCollection(LinkedHashSet::new));
        try (Admin admin = Admin.create(adminConfig)) {
            for (String topic : topics) {
                AlertTopic.ensure(admin, topic, project.settings().defaultReplicationFactor());
            }
        }
        publisher = new AlertPublisher(bootstrapServers, clientConfig,
                new WebhookSender(settings.webhookTimeout(), settings.webhookAttempts(), settings.webhookRetryDelay()));
        for (String topic : topics) {
            restore(topic);
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-alerts");
            t.setDaemon(true);
            return t;
        });
        long millis = settings.tick().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, 0, Math.max(1, millis), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Every rule on every pipeline it has judged so far, by rule then pipeline. */
    @Override
    public List<AlertState> alerts() {
        return List.copyOf(states.values());
    }

    private void tick() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.warn("evaluating alert rules failed: {}", e.toString(), e);
        }
    }

    /** One round of evaluation, as the ticker runs it: every rule on every running pipeline it judges. */
    public synchronized void evaluate() {
        if (closed || publisher == null) {
            return;
        }
        Instant now = settings.clock().instant();
        for (PipelineRunner.Running running : pipelines.get()) {
            String pipeline = running.pipeline().name();
            List<Rule> judging = rules.stream().filter(r -> judges(r.spec(), pipeline)).toList();
            if (judging.isEmpty()) {
                continue;
            }
            PipelineMetrics metrics = running.pipeline().metrics();
            if (historyOf.get(pipeline) != metrics) {
                historyOf.put(pipeline, metrics); // a pipeline compiled again counts from zero
                histories.put(pipeline, new RateHistory());
            }
            RateHistory history = histories.get(pipeline);
            history.add(RateHistory.Sample.of(now, metrics));
            Optional<GroupLag> group = lag.group(running.pipeline().applicationId());
            PipelineHealth health = history.health(group.map(GroupLag::totalLag).orElse(0L),
                    group.map(GroupLag::status).orElse(LagStatus.OK).name(), running.state());
            for (Rule rule : judging) {
                judge(rule, pipeline, health, now);
            }
        }
    }

    private void judge(Rule rule, String pipeline, PipelineHealth health, Instant now) {
        String key = AlertEvent.key(rule.name(), pipeline);
        Judged j = judged.computeIfAbsent(key, k -> new Judged(rule, pipeline, AlertTracker.ok(rule.spec().holdFor(), now)));
        boolean holds;
        try {
            holds = rule.condition().holds(health);
            j.problem = Optional.empty();
            failing.remove(key);
        } catch (EvaluationFailure e) {
            holds = false;
            j.problem = Optional.of(e.getMessage());
            if (failing.add(key)) {
                LOG.warn("alert rule {} cannot be evaluated on pipeline {}: {}", rule.name(), pipeline, e.getMessage());
            }
        }
        j.values = rounded(rule.condition().namedValues(health));
        j.value = rule.condition().value(health).map(AlertEngine::round);
        AlertTracker.Change change = j.tracker.update(holds, now);
        states.put(key, state(j));
        if (change == AlertTracker.Change.FIRED) {
            send(j, event(j, AlertEvent.Status.FIRING, firingMessage(j), now));
        } else if (change == AlertTracker.Change.RESOLVED) {
            send(j, event(j, AlertEvent.Status.RESOLVED, "condition no longer holds (" + shown(j.values) + ")", now));
        }
    }

    private void send(Judged j, AlertEvent event) {
        publisher.publish(event, j.rule.topic(), j.rule.spec().notifyTo().webhook());
    }

    /** Takes up this project's alerts found firing in {@code topic}; resolves those no rule judges any more. */
    private void restore(String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<AlertEvent> current = AlertTopic.current(config, topic, Duration.ofSeconds(30)).orElse(List.of());
        Instant now = settings.clock().instant();
        for (AlertEvent e : current) {
            if (!e.project().equals(project.name()) || e.status() != AlertEvent.Status.FIRING) {
                continue;
            }
            Optional<Rule> rule = rules.stream()
                    .filter(r -> r.name().equals(e.rule()) && r.topic().equals(topic) && judges(r.spec(), e.pipeline()))
                    .findFirst();
            if (rule.isPresent()) {
                AlertTracker tracker = AlertTracker.firing(rule.get().spec().holdFor(), e.since(), e.at());
                Judged j = new Judged(rule.get(), e.pipeline(), tracker);
                j.values = e.values();
                j.value = e.value();
                judged.put(e.key(), j);
                states.put(e.key(), state(j));
                LOG.info("alert {} was firing when Weir stopped; it resolves when its condition no longer holds", e.key());
            } else {
                AlertEvent resolved = new AlertEvent(e.rule(), e.pipeline(), e.project(), AlertEvent.Status.RESOLVED,
                        e.severity(), e.description(), e.condition(), "the project no longer has a rule '" + e.rule()
                        + "' that judges pipeline '" + e.pipeline() + "' and sends to this topic",
                        Optional.empty(), Map.of(), e.since(), now, e.owner());
                publisher.publish(resolved, topic, Optional.empty());
            }
        }
    }

    private boolean judges(AlertRule rule, String pipeline) {
        return rule.pipeline().map(p -> p.name().equals(pipeline))
                .orElseGet(() -> project.pipeline(pipeline).isPresent());
    }

    private AlertEvent event(Judged j, AlertEvent.Status status, String message, Instant now) {
        AlertRule spec = j.rule.spec();
        return new AlertEvent(spec.name(), j.pipeline, project.name(), status, spec.severity().word(), spec.description(),
                spec.condition().text(), message, j.value, j.values, j.tracker.heldSince(), now, spec.metadata().owner());
    }

    /** The view's state; with no pipeline field in {@link AlertState}, its message starts with the pipeline. */
    private AlertState state(Judged j) {
        AlertRule spec = j.rule.spec();
        String message = switch (j.tracker.status()) {
            case FIRING -> firingMessage(j);
            case PENDING -> "condition holds since " + j.tracker.heldSince() + "; fires once it has held for "
                    + words(spec.holdFor()) + " (" + shown(j.values) + ")";
            case OK -> j.problem.map(p -> "condition cannot be evaluated: " + p)
                    .orElse("condition does not hold (" + shown(j.values) + ")");
        };
        return new AlertState(spec.name(), spec.description().orElse(spec.condition().text()), j.tracker.status(),
                j.tracker.statusSince(), spec.condition().text(), j.pipeline + ": " + message, j.value);
    }

    private static String firingMessage(Judged j) {
        AlertRule spec = j.rule.spec();
        return spec.description().orElse("condition holds: " + spec.condition().text()) + " (" + shown(j.values) + ")";
    }

    /** e.g. {@code deadLettersPerMinute = 14.5, lagStatus = STALL}. */
    static String shown(Map<String, Object> values) {
        if (values.isEmpty()) {
            return "no variables";
        }
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + " = " + (v instanceof Double d
                ? BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() : v)));
        return String.join(", ", parts);
    }

    private static Map<String, Object> rounded(Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, v instanceof Double d ? round(d) : v));
        return m;
    }

    private static double round(double d) {
        return Double.isFinite(d) ? BigDecimal.valueOf(d).setScale(3, RoundingMode.HALF_UP).doubleValue() : d;
    }

    private static String words(Duration d) {
        if (d.toSecondsPart() == 0 && d.toMinutesPart() == 0 && d.toHours() > 0) {
            return d.toHours() + "h";
        }
        if (d.toSecondsPart() == 0 && d.toMillisPart() == 0 && d.toMinutes() > 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Stops evaluating and lets the events already sent out reach their topic and webhooks. */
    @Override
    public void close() {
        closed = true;
        if (ticker != null) {
            ticker.shutdown();
            try {
                if (!ticker.awaitTermination(30, TimeUnit.SECONDS)) {
                    ticker.shutdownNow();
                }
            } catch (InterruptedException e) {
                ticker.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (publisher != null) {
                publisher.close();
                publisher = null;
            }
        }
    }
}
