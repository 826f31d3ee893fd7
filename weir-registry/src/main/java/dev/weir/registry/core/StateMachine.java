package dev.weir.registry.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies the registry log, record by record in log order, and holds what it yields.
 *
 * <p>Two states are kept. The <em>visible</em> state is made of facts only: it is what clients
 * read, and since each fact replaces what its key held, a compacted log yields the same visible
 * state as the full one. The <em>tentative</em> state is the visible one plus the facts of
 * proposals decided but not yet settled: proposals are decided against it, so two proposals in
 * flight at once never take the same id or version. When a proposal is settled (its record
 * removed), its facts are in the visible state already, or, if its writer gave up, its tentative
 * facts are dropped.
 *
 * <p>Thread-safe: the log reader applies records while request threads read.
 */
public final class StateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(StateMachine.class);

    private final Decider decider;
    private final RegistryState visible = new RegistryState();
    private RegistryState tentative = new RegistryState();
    private final Map<String, Decision<?>> pending = new LinkedHashMap<>();

    public StateMachine(Decider decider) {
        this.decider = decider;
    }

    public synchronized void applyFact(Fact fact) {
        visible.apply(fact);
        tentative.apply(fact);
    }

    /** Decides a proposal read from the log; its decision waits in {@link #decision} until it is settled. */
    public synchronized void applyProposal(String proposalId, Proposal<?> proposal) {
        if (pending.containsKey(proposalId)) {
            return;
        }
        Decision<?> decision;
        try {
            decision = decider.decide(tentative, proposal);
        } catch (RuntimeException e) {
            LOG.error("Cannot decide proposal {} ({}); refusing it", proposalId, proposal, e);
            decision = new Decision.Refused<>(new RegistryException(RegistryException.STORE_ERROR,
                    "Error while deciding the change: " + e));
        }
        pending.put(proposalId, decision);
        if (decision instanceof Decision.Accepted<?> accepted) {
            accepted.facts().forEach(tentative::apply);
        }
    }

    /** The proposal's record is gone: it was settled, or abandoned by its writer. */
    public synchronized void settle(String proposalId) {
        Decision<?> decision = pending.remove(proposalId);
        if (decision instanceof Decision.Accepted<?> accepted && !accepted.facts().stream().allMatch(this::isVisible)) {
            tentative = visible.copy();
            for (Decision<?> other : pending.values()) {
                if (other instanceof Decision.Accepted<?> a) {
                    a.facts().forEach(tentative::apply);
                }
            }
        }
    }

    public synchronized Optional<Decision<?>> decision(String proposalId) {
        return Optional.ofNullable(pending.get(proposalId));
    }

    /** Reads the visible state; {@code reader} must not keep a reference to it. */
    public synchronized <T> T read(Function<RegistryState, T> reader) {
        return reader.apply(visible);
    }

    private boolean isVisible(Fact fact) {
        if (fact instanceof Fact.SchemaId f) {
            return visible.schema(f.id()).map(f.schema()::equals).orElse(false);
        } else if (fact instanceof Fact.VersionSet f) {
            VersionEntry v = visible.versions(f.subject()).get(f.version());
            return v != null && v.id() == f.id() && v.deleted() == f.deleted();
        } else if (fact instanceof Fact.VersionRemoved f) {
            return !visible.versions(f.subject()).containsKey(f.version());
        } else if (fact instanceof Fact.ConfigSet f) {
            return visible.config(f.subject()).equals(Optional.of(f.level()));
        } else if (fact instanceof Fact.ConfigRemoved f) {
            return visible.config(f.subject()).isEmpty();
        } else if (fact instanceof Fact.ModeSet f) {
            return visible.mode(f.subject()).equals(Optional.of(f.mode()));
        } else if (fact instanceof Fact.ModeRemoved f) {
            return visible.mode(f.subject()).isEmpty();
        }
        return false;
    }
}
