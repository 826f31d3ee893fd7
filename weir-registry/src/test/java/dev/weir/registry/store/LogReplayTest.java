package dev.weir.registry.store;

import dev.weir.registry.core.CompatibilityLevel;
import dev.weir.registry.core.Decider;
import dev.weir.registry.core.Decision;
import dev.weir.registry.core.Mode;
import dev.weir.registry.core.Proposal;
import dev.weir.registry.core.RegistryState;
import dev.weir.registry.core.StateMachine;
import dev.weir.registry.core.VersionEntry;
import dev.weir.registry.format.SchemaFormats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log design without a broker: registry processes reading one log, proposals racing, and
 * what compaction leaves of the log replaying to the same registry.
 */
class LogReplayTest {

    /** One log, as a list of key/value records in offset order. */
    private final List<LogCodec.KeyValue> log = new ArrayList<>();

    /** A registry process: a state machine reading the log from the start. */
    private final class Process {
        final StateMachine machine = new StateMachine(new Decider(SchemaFormats.builtIn()));
        int next;

        void catchUp() {
            for (; next < log.size(); next++) {
                LogCodec.KeyValue kv = log.get(next);
                LogCodec.decode(kv.key(), kv.value()).ifPresent(entry -> {
                    if (entry instanceof LogEntry.FactEntry f) {
                        machine.applyFact(f.fact());
                    } else if (entry instanceof LogEntry.ProposalEntry p) {
                        machine.applyProposal(p.proposalId(), p.proposal());
                    } else if (entry instanceof LogEntry.ProposalSettled s) {
                        machine.settle(s.proposalId());
                    }
                });
            }
        }

        /** What a writer does once its proposal has been read: write the facts, then remove the proposal. */
        Decision<?> settle(String proposalId) {
            catchUp();
            Decision<?> decision = machine.decision(proposalId).orElseThrow();
            if (decision instanceof Decision.Accepted<?> accepted) {
                accepted.facts().forEach(f -> log.add(LogCodec.encode(f)));
            }
            log.add(LogCodec.settled(proposalId));
            catchUp();
            return decision;
        }

        Object propose(Proposal<?> proposal) {
            String id = append(proposal);
            Decision<?> decision = settle(id);
            return decision instanceof Decision.Accepted<?> a ? a.result() : ((Decision.Refused<?>) decision).error().errorCode();
        }

        String describe() {
            return machine.read(LogReplayTest::describe);
        }
    }

    private int proposals;

    private String append(Proposal<?> proposal) {
        String id = "p" + (++proposals);
        log.add(LogCodec.encode(id, proposal));
        return id;
    }

    private static Proposal.Register register(String subject, String field) {
        String schema = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"" + field + "\",\"type\":\"int\",\"default\":0}]}";
        return new Proposal.Register(subject, "AVRO", schema, List.of(), Optional.empty(), Optional.empty());
    }

    @Test
    void proposalsInFlightAtOnceNeverShareAnIdOrVersion() {
        Process a = new Process();
        Process b = new Process();
        a.propose(new Proposal.SetConfig(Optional.of("s"), CompatibilityLevel.NONE));
        b.catchUp();

        // Both write before either has read the other's proposal.
        String fromA = append(register("s", "x"));
        String fromB = append(register("s", "y"));
        String sameAsA = append(register("t", "x"));
        Decision<?> decidedByA = a.settle(fromA);
        Decision<?> decidedByB = b.settle(fromB);
        Decision<?> third = b.settle(sameAsA);
        a.catchUp();

        assertThat(((Decision.Accepted<?>) decidedByA).result()).isEqualTo(1);
        assertThat(((Decision.Accepted<?>) decidedByB).result()).isEqualTo(2);
        assertThat(((Decision.Accepted<?>) third).result()).as("the same schema, one id").isEqualTo(1);
        assertThat(a.describe()).isEqualTo(b.describe())
                .contains("s/1=1 ", "s/2=2 ", "t/1=1 ");
    }

    @Test
    void anAbandonedProposalLeavesNoTrace() {
        Process a = new Process();
        String abandoned = append(register("s", "x"));
        a.catchUp();
        log.add(LogCodec.settled(abandoned));

        assertThat(a.propose(register("s", "y"))).isEqualTo(1);
        assertThat(a.describe()).contains("s/1=1 ").doesNotContain("s/2");
    }

    @Test
    void aCompactedLogReplaysToTheSameRegistryAndNeverReusesAnId() {
        Process live = new Process();
        live.propose(register("orders", "a"));
        live.propose(register("orders", "b"));
        live.propose(register("payments", "a"));
        live.propose(register("gone", "z"));
        live.propose(new Proposal.DeleteSubject("gone", false));
        live.propose(new Proposal.DeleteSubject("gone", true));
        live.propose(new Proposal.DeleteVersion("orders", 1, false));
        live.propose(new Proposal.SetConfig(Optional.of("orders"), CompatibilityLevel.FULL));
        live.propose(new Proposal.SetConfig(Optional.of("orders"), CompatibilityLevel.NONE));
        live.propose(new Proposal.SetConfig(Optional.empty(), CompatibilityLevel.FORWARD));
        live.propose(new Proposal.SetMode(Optional.of("payments"), Mode.READONLY, false));
        assertThat(live.propose(register("payments", "c"))).as("refused: read-only").isEqualTo(42205);
        append(register("orders", "unsettled"));
        live.catchUp();

        List<LogCodec.KeyValue> compacted = compact(log);
        log.clear();
        log.addAll(compacted);
        Process replayed = new Process();
        replayed.catchUp();

        assertThat(replayed.describe()).isEqualTo(live.describe());
        assertThat(compacted.size()).isLessThan(proposals);
        // Ids: 1 (a, in orders and payments), 2 (b), 3 (z, permanently deleted with 'gone' but never
        // handed out again), 4 (held by the proposal its writer never settled).
        assertThat(replayed.propose(register("fresh", "q"))).isEqualTo(5);
    }

    /** What the log cleaner leaves: the last record of each key, tombstones gone once retained long enough. */
    private static List<LogCodec.KeyValue> compact(List<LogCodec.KeyValue> records) {
        Map<String, Integer> last = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            last.put(records.get(i).key(), i);
        }
        List<LogCodec.KeyValue> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            LogCodec.KeyValue kv = records.get(i);
            if (last.get(kv.key()) == i && kv.value() != null) {
                out.add(kv);
            }
        }
        return out;
    }

    private static String describe(RegistryState state) {
        StringBuilder out = new StringBuilder();
        for (String subject : state.subjects(true)) {
            for (VersionEntry v : state.versions(subject).values()) {
                out.append(subject).append('/').append(v.version()).append('=').append(v.id())
                        .append(v.deleted() ? " deleted" : "").append(' ');
            }
        }
        for (int id = 1; id <= state.maxId(); id++) {
            out.append("id").append(id).append('=').append(state.schema(id).map(s -> s.schema()).orElse("-")).append(' ');
        }
        for (String subject : List.of("orders", "payments", "gone")) {
            out.append(subject).append(':').append(state.config(Optional.of(subject))).append(state.mode(Optional.of(subject)));
        }
        return out.append(state.config(Optional.empty())).append(state.mode(Optional.empty())).toString();
    }
}
