package dev.weir.registry.core;

/** One version of a subject: the id of its schema, and whether it is soft-deleted. */
public record VersionEntry(String subject, int version, int id, boolean deleted) {
}
