package dev.weir.registry.core;

import dev.weir.registry.format.SchemaFormats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a registration: which id and version the schema gets, or why it is refused. Follows the
 * Confluent registry: an identical schema keeps its id (in every subject), a schema that was
 * soft-deleted from the subject comes back as a new version with its old id, and outside IMPORT
 * mode the new version must be compatible with the earlier ones at the subject's level.
 */
final class Registration {

    private Registration() {
    }

    static Decision<Integer> decide(RegistryState state, SchemaFormats formats, Proposal.Register p) {
        String subject = p.name();
        Mode mode = state.effectiveMode(p.subject());
        if (mode == Mode.READONLY) {
            throw RegistryException.notPermitted("Subject " + subject + " is in read-only mode");
        }
        if (p.id().isPresent() && mode != Mode.IMPORT) {
            throw RegistryException.notPermitted("Subject " + subject + " is not in import mode");
        }
        if (p.id().isEmpty() && mode != Mode.READWRITE) {
            throw RegistryException.notPermitted("Subject " + subject + " is not in read-write mode");
        }
        Candidate candidate = Candidate.of(state, formats, p.type(), p.schema(), p.references());
        Optional<Integer> existing = state.idOf(candidate.stored());
        Optional<Integer> reuse = existing.filter(id -> p.id().isEmpty() || p.id().get().equals(id));
        if (reuse.isPresent() && p.version().isEmpty()
                && state.liveVersions(subject).stream().anyMatch(v -> v.id() == reuse.get())) {
            return new Decision.Accepted<>(List.of(), reuse.get());
        }

        if (mode != Mode.IMPORT) {
            List<Compatibility.Previous> previous = new ArrayList<>();
            for (VersionEntry v : state.liveVersions(subject)) {
                StoredSchema old = state.schema(v.id()).orElseThrow();
                previous.add(new Compatibility.Previous(v.version(), old.type(), References.text(state, old)));
            }
            List<String> problems = Compatibility.problems(state.effectiveConfig(p.subject()), candidate.format(),
                    candidate.text(), previous);
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible(subject, problems);
            }
        }

        int next = state.versions(subject).isEmpty() ? 1 : state.versions(subject).lastKey() + 1;
        int version = p.version().orElse(next);
        if (version != next && mode != Mode.IMPORT) {
            throw RegistryException.invalidSchema("Version is not one more than previous version");
        }
        if (version < 1) {
            throw RegistryException.invalidSchema("Version must be at least 1, got " + version);
        }

        List<Fact> facts = new ArrayList<>();
        int id;
        if (reuse.isPresent()) {
            id = reuse.get();
        } else if (p.id().isPresent()) {
            id = p.id().get();
            if (id < 1) {
                throw RegistryException.invalidSchema("Schema id must be at least 1, got " + id);
            }
            Optional<StoredSchema> taken = state.schema(id);
            if (taken.isPresent() && !taken.get().equals(candidate.stored())) {
                throw RegistryException.notPermitted("Overwrite new schema with id " + id + " is not permitted.");
            }
            if (taken.isEmpty()) {
                facts.add(new Fact.SchemaId(id, candidate.stored()));
            }
        } else {
            id = state.maxId() + 1;
            facts.add(new Fact.SchemaId(id, candidate.stored()));
        }
        VersionEntry atVersion = state.versions(subject).get(version);
        if (atVersion != null && atVersion.id() != id) {
            throw RegistryException.notPermitted("Overwrite version " + version + " of subject " + subject
                    + " with another schema is not permitted.");
        }
        // A soft-deleted earlier version of the same schema gives way to the new one.
        for (VersionEntry v : state.versions(subject).headMap(version).values()) {
            if (v.deleted() && v.id() == id) {
                facts.add(new Fact.VersionRemoved(subject, v.version()));
            }
        }
        facts.add(new Fact.VersionSet(subject, version, id, false));
        return new Decision.Accepted<>(facts, id);
    }
}
