package dev.weir.registry.store;

import dev.weir.registry.core.Candidate;
import dev.weir.registry.core.Decider;
import dev.weir.registry.core.Decision;
import dev.weir.registry.core.Proposal;
import dev.weir.registry.core.RegistryException;
import dev.weir.registry.core.RegistryState;
import dev.weir.registry.core.StateMachine;
import dev.weir.registry.format.SchemaFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A schema registry kept in a Kafka topic: reads answer from the state this process has applied;
 * a change is proposed to the log, decided by every process in log order, settled by this one,
 * and answered once this process has applied its settlement.
 */
public final class Registry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    /**
     * @param clientConfig Kafka client properties, {@code bootstrap.servers} included
     * @param topic the registry topic
     * @param readOnly serve reads only and refuse every change
     * @param timeout how long a change may take before it fails with error 50002
     */
    public record Settings(Map<String, Object> clientConfig, String topic, boolean readOnly, Duration timeout,
                           SchemaFormats formats) {
        public Settings {
            clientConfig = Map.copyOf(clientConfig);
            Objects.requireNonNull(topic, "topic can't be null");
            Objects.requireNonNull(timeout, "timeout can't be null");
            Objects.requireNonNull(formats, "formats can't be null");
        }
    }

    private final Settings settings;
    private final StateMachine machine;
    private final RegistryLog log;

    public Registry(Settings settings) {
        this.settings = settings;
        this.machine = new StateMachine(new Decider(settings.formats()));
        this.log = new RegistryLog(settings.clientConfig(), settings.topic(), this::apply);
    }

    /** Reads the topic up to its current end; reads are served from then on. */
    public Registry start() throws TimeoutException {
        log.start(settings.timeout(), !settings.readOnly());
        return this;
    }

    public SchemaFormats formats() {
        return settings.formats();
    }

    public <T> T read(Function<RegistryState, T> reader) {
        return machine.read(reader);
    }

    /**
     * Registers a schema and answers its id. A schema already registered under the subject is
     * answered from this process's state without writing, as the Confluent registry does, so it
     * works in read-only mode too.
     */
    public int register(Proposal.Register registration) {
        if (registration.id().isEmpty() && registration.version().isEmpty()) {
            Optional<Integer> existing = read(state -> {
                Candidate c = Candidate.of(state, formats(), registration.type(), registration.schema(),
                        registration.references());
                return state.idOf(c.stored()).filter(id -> state.liveVersions(registration.name()).stream()
                        .anyMatch(v -> v.id() == id));
            });
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        return propose(registration);
    }

    /** Proposes a change, waits until this process has decided and settled it, and answers its result. */
    @SuppressWarnings("unchecked")
    public <R> R propose(Proposal<R> proposal) {
        if (settings.readOnly()) {
            throw RegistryException.notPermitted("This registry is a read-only follower; send changes to one that accepts writes");
        }
        String id = UUID.randomUUID().toString();
        long offset = append(List.of(LogCodec.encode(id, proposal)));
        if (!applied(offset)) {
            abandon(id);
            throw new RegistryException(RegistryException.OPERATION_TIMEOUT, "The change was not decided within "
                    + settings.timeout().toSeconds() + " s");
        }
        Decision<?> decision = machine.decision(id).orElseThrow(() -> new RegistryException(RegistryException.STORE_ERROR,
                "The change was read from the registry log but not decided"));
        if (decision instanceof Decision.Refused<?> refused) {
            abandon(id);
            throw refused.error();
        }
        Decision.Accepted<?> accepted = (Decision.Accepted<?>) decision;
        List<LogCodec.KeyValue> settlement = new ArrayList<>();
        accepted.facts().forEach(f -> settlement.add(LogCodec.encode(f)));
        settlement.add(LogCodec.settled(id));
        if (!applied(append(settlement))) {
            throw new RegistryException(RegistryException.OPERATION_TIMEOUT, "The change was written but not read back within "
                    + settings.timeout().toSeconds() + " s");
        }
        return (R) accepted.result();
    }

    private void apply(String key, String value) {
        LogCodec.decode(key, value).ifPresent(entry -> {
            if (entry instanceof LogEntry.FactEntry f) {
                machine.applyFact(f.fact());
            } else if (entry instanceof LogEntry.ProposalEntry p) {
                machine.applyProposal(p.proposalId(), p.proposal());
            } else if (entry instanceof LogEntry.ProposalSettled s) {
                machine.settle(s.proposalId());
            }
        });
    }

    private long append(List<LogCodec.KeyValue> records) {
        try {
            return log.append(records, settings.timeout());
        } catch (ExecutionException e) {
            throw new RegistryException(RegistryException.STORE_ERROR, "Cannot write to the registry topic: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new RegistryException(RegistryException.OPERATION_TIMEOUT, "Writing to the registry topic timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.STORE_ERROR, "Interrupted while writing to the registry topic", e);
        }
    }

    private boolean applied(long offset) {
        try {
            log.awaitApplied(offset, settings.timeout());
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Removes a proposal that will not be settled, so that no process keeps its tentative effects. */
    private void abandon(String id) {
        try {
            append(List.of(LogCodec.settled(id)));
        } catch (RegistryException e) {
            LOG.warn("Cannot remove abandoned registry proposal {}: {}", id, e.getMessage());
        }
    }

    @Override
    public void close() {
        log.close();
    }
}
