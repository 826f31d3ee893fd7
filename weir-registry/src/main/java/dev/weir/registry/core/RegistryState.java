package dev.weir.registry.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry's content: schemas by id, subjects and their versions, compatibility levels and
 * modes. It changes only by {@link #apply(Fact)}, each fact replacing what its key held, so the
 * content is a function of the latest fact per key. Not thread-safe; {@link StateMachine} guards it.
 */
public final class RegistryState {

    private final TreeMap<Integer, StoredSchema> schemas = new TreeMap<>();
    private final Map<StoredSchema, TreeSet<Integer>> idsBySchema = new HashMap<>();
    private final TreeMap<String, TreeMap<Integer, VersionEntry>> subjects = new TreeMap<>();
    private final Map<Optional<String>, CompatibilityLevel> configs = new HashMap<>();
    private final Map<Optional<String>, Mode> modes = new HashMap<>();

    public void apply(Fact fact) {
        if (fact instanceof Fact.SchemaId f) {
            StoredSchema previous = schemas.put(f.id(), f.schema());
            if (previous != null && !previous.equals(f.schema())) {
                idsBySchema.get(previous).remove(f.id());
            }
            idsBySchema.computeIfAbsent(f.schema(), s -> new TreeSet<>()).add(f.id());
        } else if (fact instanceof Fact.VersionSet f) {
            subjects.computeIfAbsent(f.subject(), s -> new TreeMap<>())
                    .put(f.version(), new VersionEntry(f.subject(), f.version(), f.id(), f.deleted()));
        } else if (fact instanceof Fact.VersionRemoved f) {
            TreeMap<Integer, VersionEntry> versions = subjects.get(f.subject());
            if (versions != null) {
                versions.remove(f.version());
                if (versions.isEmpty()) {
                    subjects.remove(f.subject());
                }
            }
        } else if (fact instanceof Fact.ConfigSet f) {
            configs.put(f.subject(), f.level());
        } else if (fact instanceof Fact.ConfigRemoved f) {
            configs.remove(f.subject());
        } else if (fact instanceof Fact.ModeSet f) {
            modes.put(f.subject(), f.mode());
        } else if (fact instanceof Fact.ModeRemoved f) {
            modes.remove(f.subject());
        }
    }

    public RegistryState copy() {
        RegistryState copy = new RegistryState();
        copy.schemas.putAll(schemas);
        idsBySchema.forEach((schema, ids) -> copy.idsBySchema.put(schema, new TreeSet<>(ids)));
        subjects.forEach((subject, versions) -> copy.subjects.put(subject, new TreeMap<>(versions)));
        copy.configs.putAll(configs);
        copy.modes.putAll(modes);
        return copy;
    }

    public Optional<StoredSchema> schema(int id) {
        return Optional.ofNullable(schemas.get(id));
    }

    /** The first id this schema was given, if any. */
    public Optional<Integer> idOf(StoredSchema schema) {
        TreeSet<Integer> ids = idsBySchema.get(schema);
        return ids == null || ids.isEmpty() ? Optional.empty() : Optional.of(ids.first());
    }

    /** The highest id ever given, 0 when none. */
    public int maxId() {
        return schemas.isEmpty() ? 0 : schemas.lastKey();
    }

    /** Every version of the subject, soft-deleted ones included, by version number. */
    public NavigableMap<Integer, VersionEntry> versions(String subject) {
        TreeMap<Integer, VersionEntry> versions = subjects.get(subject);
        return versions == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(versions);
    }

    public List<VersionEntry> liveVersions(String subject) {
        return versions(subject).values().stream().filter(v -> !v.deleted()).toList();
    }

    public Optional<VersionEntry> version(String subject, int version, boolean includeDeleted) {
        if (version == VersionId.LATEST) {
            return latest(subject);
        }
        VersionEntry entry = versions(subject).get(version);
        return entry == null || (entry.deleted() && !includeDeleted) ? Optional.empty() : Optional.of(entry);
    }

    /** The latest version that is not soft-deleted. */
    public Optional<VersionEntry> latest(String subject) {
        List<VersionEntry> live = liveVersions(subject);
        return live.isEmpty() ? Optional.empty() : Optional.of(live.get(live.size() - 1));
    }

    public boolean hasSubject(String subject, boolean includeDeleted) {
        return includeDeleted ? !versions(subject).isEmpty() : !liveVersions(subject).isEmpty();
    }

    /** Subject names, sorted: those with a live version, or with any version when {@code includeDeleted}. */
    public List<String> subjects(boolean includeDeleted) {
        return subjects.keySet().stream().filter(s -> hasSubject(s, includeDeleted)).toList();
    }

    /** The versions, in every subject, whose schema has this id. */
    public List<VersionEntry> versionsWithId(int id) {
        List<VersionEntry> out = new ArrayList<>();
        for (TreeMap<Integer, VersionEntry> versions : subjects.values()) {
            versions.values().stream().filter(v -> v.id() == id).forEach(out::add);
        }
        return out;
    }

    /** Ids of the live versions whose schemas reference this version, sorted. */
    public List<Integer> referencedBy(String subject, int version) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (TreeMap<Integer, VersionEntry> versions : subjects.values()) {
            for (VersionEntry v : versions.values()) {
                if (!v.deleted() && schema(v.id()).map(s -> s.references().stream()
                        .anyMatch(r -> r.subject().equals(subject) && r.version() == version)).orElse(false)) {
                    ids.add(v.id());
                }
            }
        }
        return List.copyOf(ids);
    }

    public Optional<CompatibilityLevel> config(Optional<String> subject) {
        return Optional.ofNullable(configs.get(subject));
    }

    /** The subject's level, else the registry's, else {@link CompatibilityLevel#DEFAULT}. */
    public CompatibilityLevel effectiveConfig(Optional<String> subject) {
        return config(subject).or(() -> config(Optional.empty())).orElse(CompatibilityLevel.DEFAULT);
    }

    public Optional<Mode> mode(Optional<String> subject) {
        return Optional.ofNullable(modes.get(subject));
    }

    /** The subject's mode, else the registry's, else READWRITE. */
    public Mode effectiveMode(Optional<String> subject) {
        return mode(subject).or(() -> mode(Optional.empty())).orElse(Mode.READWRITE);
    }
}
