package dev.weir.registry.store;

import dev.weir.registry.core.Fact;
import dev.weir.registry.core.Proposal;

/** One record of the registry log, decoded. */
sealed interface LogEntry {

    record FactEntry(Fact fact) implements LogEntry {
    }

    record ProposalEntry(String proposalId, Proposal<?> proposal) implements LogEntry {
    }

    /** The tombstone of a proposal's record: its writer settled it or gave up. */
    record ProposalSettled(String proposalId) implements LogEntry {
    }
}
