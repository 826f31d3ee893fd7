package dev.weir.registry.core;

import dev.weir.registry.format.SchemaFormats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides proposals against the registry's state. It is a pure function of the state and the
 * proposal, so every registry process reading the log decides each proposal the same way.
 */
public final class Decider {

    private final SchemaFormats formats;

    public Decider(SchemaFormats formats) {
        this.formats = formats;
    }

    public Decision<?> decide(RegistryState state, Proposal<?> proposal) {
        try {
            if (proposal instanceof Proposal.Register p) {
                return Registration.decide(state, formats, p);
            } else if (proposal instanceof Proposal.DeleteVersion p) {
                return deleteVersion(state, p);
            } else if (proposal instanceof Proposal.DeleteSubject p) {
                return deleteSubject(state, p);
            } else if (proposal instanceof Proposal.SetConfig p) {
                requireWritable(state, p.subject());
                return new Decision.Accepted<>(List.of(new Fact.ConfigSet(p.subject(), p.level())), p.level());
            } else if (proposal instanceof Proposal.DeleteConfig p) {
                return deleteConfig(state, p);
            } else if (proposal instanceof Proposal.SetMode p) {
                return setMode(state, p);
            } else if (proposal instanceof Proposal.DeleteMode p) {
                Mode previous = state.mode(p.subject()).orElseThrow(
                        () -> RegistryException.modeNotConfigured(p.subject().orElse("")));
                return new Decision.Accepted<>(List.of(new Fact.ModeRemoved(p.subject())), previous);
            }
            throw new IllegalArgumentException("unknown proposal " + proposal);
        } catch (RegistryException e) {
            return new Decision.Refused<>(e);
        }
    }

    private static Decision<Integer> deleteVersion(RegistryState state, Proposal.DeleteVersion p) {
        String subject = p.name();
        Optional<VersionEntry> any = state.version(subject, p.version(), true);
        if (any.isPresent() && any.get().deleted() && !p.permanent()) {
            throw RegistryException.versionSoftDeleted(subject, any.get().version());
        }
        VersionEntry entry = any.orElseThrow(() -> state.hasSubject(subject, true)
                ? RegistryException.versionNotFound(p.version()) : RegistryException.subjectNotFound(subject));
        requireWritable(state, p.subject());
        if (!state.referencedBy(subject, entry.version()).isEmpty()) {
            throw RegistryException.referenceExists(subject, entry.version());
        }
        if (p.permanent() && !entry.deleted()) {
            throw RegistryException.versionNotSoftDeleted(subject, entry.version());
        }
        List<Fact> facts = new ArrayList<>();
        if (p.permanent()) {
            facts.add(new Fact.VersionRemoved(subject, entry.version()));
        } else {
            facts.add(new Fact.VersionSet(subject, entry.version(), entry.id(), true));
            if (state.liveVersions(subject).size() == 1) {
                facts.addAll(subjectSettingsRemoved(state, p.subject()));
            }
        }
        return new Decision.Accepted<>(facts, entry.version());
    }

    private static Decision<List<Integer>> deleteSubject(RegistryState state, Proposal.DeleteSubject p) {
        String subject = p.name();
        if (!state.hasSubject(subject, true)) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (!p.permanent() && !state.hasSubject(subject, false)) {
            throw RegistryException.subjectSoftDeleted(subject);
        }
        requireWritable(state, p.subject());
        List<VersionEntry> targets = p.permanent() ? List.copyOf(state.versions(subject).values()) : state.liveVersions(subject);
        List<Fact> facts = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        for (VersionEntry v : targets) {
            if (!state.referencedBy(subject, v.version()).isEmpty()) {
                throw RegistryException.referenceExists(subject, v.version());
            }
            if (p.permanent() && !v.deleted()) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            facts.add(p.permanent() ? new Fact.VersionRemoved(subject, v.version())
                    : new Fact.VersionSet(subject, v.version(), v.id(), true));
            versions.add(v.version());
        }
        if (!p.permanent()) {
            facts.addAll(subjectSettingsRemoved(state, p.subject()));
        }
        return new Decision.Accepted<>(facts, versions);
    }

    private static Decision<CompatibilityLevel> deleteConfig(RegistryState state, Proposal.DeleteConfig p) {
        requireWritable(state, p.subject());
        Optional<CompatibilityLevel> previous = state.config(p.subject());
        if (p.subject().isPresent() && previous.isEmpty()) {
            throw RegistryException.compatibilityNotConfigured(p.subject().get());
        }
        return new Decision.Accepted<>(List.of(new Fact.ConfigRemoved(p.subject())),
                previous.orElse(CompatibilityLevel.DEFAULT));
    }

    private static Decision<Mode> setMode(RegistryState state, Proposal.SetMode p) {
        List<Fact> facts = new ArrayList<>();
        if (p.mode() == Mode.IMPORT && state.effectiveMode(p.subject()) != Mode.IMPORT && !p.force()) {
            List<String> scope = p.subject().map(List::of).orElseGet(() -> state.subjects(true));
            if (scope.stream().anyMatch(s -> state.hasSubject(s, false))) {
                throw RegistryException.notPermitted("Cannot import since found existing subjects");
            }
            // What is left are soft-deleted versions: imported ones may take their places.
            for (String s : scope) {
                for (VersionEntry v : state.versions(s).values()) {
                    if (!state.referencedBy(s, v.version()).isEmpty()) {
                        throw RegistryException.referenceExists(s, v.version());
                    }
                    facts.add(new Fact.VersionRemoved(s, v.version()));
                }
            }
        }
        facts.add(new Fact.ModeSet(p.subject(), p.mode()));
        return new Decision.Accepted<>(facts, p.mode());
    }

    /** A subject whose last live version goes loses its own compatibility level and mode. */
    private static List<Fact> subjectSettingsRemoved(RegistryState state, Optional<String> subject) {
        List<Fact> facts = new ArrayList<>();
        if (state.config(subject).isPresent()) {
            facts.add(new Fact.ConfigRemoved(subject));
        }
        if (state.mode(subject).isPresent()) {
            facts.add(new Fact.ModeRemoved(subject));
        }
        return facts;
    }

    private static void requireWritable(RegistryState state, Optional<String> subject) {
        if (state.effectiveMode(subject) == Mode.READONLY) {
            throw RegistryException.notPermitted(subject.map(s -> "Subject " + s + " is in read-only mode")
                    .orElse("The registry is in read-only mode"));
        }
    }
}
