/**
 * A Confluent-compatible schema registry: {@link dev.weir.registry.RegistryServer} serves the
 * Confluent Schema Registry REST API, configured by {@link dev.weir.registry.RegistryConfig}.
 *
 * <h2>Storage</h2>
 * Everything is kept in one compacted, single-partition Kafka topic ({@code _weir_schemas}).
 * Every registry process reads it from the beginning into memory and keeps reading, so several
 * processes share one registry and a restarted one finds it again.
 *
 * <p>Records are <em>facts</em> keyed by what they are about: a schema id (never removed, so no
 * id is ever given to a second schema), a subject version (tombstoned when permanently deleted),
 * a compatibility level, a mode. Each replaces what its key held, so the state clients read is a
 * function of the latest record per key: exactly what compaction keeps.
 *
 * <p>Changes are <em>proposals</em> appended to the log under a unique key. Each process decides
 * every proposal in log order with the same pure function ({@link dev.weir.registry.core.Decider})
 * against its facts plus the proposals decided but not yet settled, so all agree, and proposals in
 * flight at once, from one process or several, never get the same id or version. The writer reads
 * its own proposal back, appends the facts of the outcome and a tombstone for the proposal, reads
 * those back and answers. See {@link dev.weir.registry.core.StateMachine}.
 *
 * <p>Packages: {@code format} (schema types), {@code core} (state, decisions, compatibility; no
 * Kafka), {@code store} (the topic), {@code rest} (the HTTP resources).
 */
package dev.weir.registry;
