package dev.weir.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/schemas}: the schema registry's subjects and versions, one version's schema
 * pretty-printed, and a line diff between two versions of a subject.
 */
@Path("/api/schemas")
@Produces(MediaType.APPLICATION_JSON)
public final class SchemasResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two-space indents, every array item on its own line, "key": value: a layout that diffs line by line. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private final Optional<SchemaRegistryBrowser> registry;

    SchemasResource(Optional<SchemaRegistryBrowser> registry) {
        this.registry = registry;
    }

    record Latest(int version, int id, String type) {
    }

    record Subject(String subject, List<Integer> versions, Latest latest) {
    }

    record Subjects(String registry, List<Subject> subjects) {
    }

    record SchemaVersion(String subject, int version, int id, String type, String schema) {
    }

    record Diff(String subject, int from, int to, String type, int added, int removed, List<LineDiff.Line> lines) {
    }

    @GET
    public Subjects subjects() {
        if (registry.isEmpty()) {
            return new Subjects(null, List.of());
        }
        SchemaRegistryBrowser r = registry.get();
        List<Subject> out = new ArrayList<>();
        for (String subject : r.subjects()) {
            List<Integer> versions = r.versions(subject);
            Latest latest = null;
            if (!versions.isEmpty()) {
                SchemaRegistryBrowser.Version v = r.version(subject, Integer.toString(versions.get(versions.size() - 1)));
                latest = new Latest(v.version(), v.id(), v.type());
            }
            out.add(new Subject(subject, versions, latest));
        }
        return new Subjects(r.url(), out);
    }

    @GET
    @Path("{subject}/versions/{version}")
    public SchemaVersion version(@PathParam("subject") String subject, @PathParam("version") String version) {
        if (!version.equals("latest") && !version.matches("[0-9]+")) {
            throw ApiError.badRequest("version must be a number or 'latest', was '" + version + "'");
        }
        SchemaRegistryBrowser.Version v = browser().version(subject, version);
        return new SchemaVersion(v.subject(), v.version(), v.id(), v.type(), pretty(v));
    }

    @GET
    @Path("{subject}/diff")
    public Diff diff(@PathParam("subject") String subject, @QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        SchemaRegistryBrowser r = browser();
        List<Integer> versions = r.versions(subject);
        if (versions.isEmpty()) {
            throw ApiError.notFound("subject '" + subject + "' has no versions");
        }
        int toVersion = to != null ? to : versions.get(versions.size() - 1);
        int fromVersion;
        if (from != null) {
            fromVersion = from;
        } else {
            int index = versions.indexOf(toVersion);
            fromVersion = index > 0 ? versions.get(index - 1) : toVersion;
        }
        for (int v : List.of(fromVersion, toVersion)) {
            if (!versions.contains(v)) {
                throw ApiError.notFound("subject '" + subject + "' has no version " + v + " (it has " + versions + ")");
            }
        }
        SchemaRegistryBrowser.Version a = r.version(subject, Integer.toString(fromVersion));
        SchemaRegistryBrowser.Version b = r.version(subject, Integer.toString(toVersion));
        List<LineDiff.Line> lines = LineDiff.of(pretty(a), pretty(b));
        int added = (int) lines.stream().filter(l -> l.op().equals("added")).count();
        int removed = (int) lines.stream().filter(l -> l.op().equals("removed")).count();
        return new Diff(subject, fromVersion, toVersion, b.type(), added, removed, lines);
    }

    private SchemaRegistryBrowser browser() {
        return registry.orElseThrow(() -> ApiError.notFound("no schema registry is known to this process: "
                + "give one with --registry-url or registry.url in weir.yaml (weir up runs its own)"));
    }

    /** Avro and JSON Schema as indented JSON, in the order written; Protobuf as registered. */
    static String pretty(SchemaRegistryBrowser.Version v) {
        if (v.type().equals("PROTOBUF")) {
            return v.schema();
        }
        try {
            return JSON.writer(PRETTY).writeValueAsString(JSON.readTree(v.schema()));
        } catch (JsonProcessingException e) {
            return v.schema();
        }
    }
}
