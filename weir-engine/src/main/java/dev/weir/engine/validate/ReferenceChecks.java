package dev.weir.engine.validate;

import dev.weir.engine.validate.TopicGraph.Reference;
import dev.weir.engine.validate.TopicGraph.Use;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.Names;
import dev.weir.spec.Position;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks what a project's topic names refer to. Errors: a topic a pipeline or generator uses that
 * is not declared (dead-letter topics excepted), a pipeline that reads what it writes. Warnings: an
 * enrich table that is not compacted, a dead-letter topic that is not declared, or that no pipeline
 * reads and no owner looks after, a declared topic nothing uses.
 */
final class ReferenceChecks {

    private final Project project;
    private final TopicGraph graph;
    private final Diagnostics out;
    private final Set<String> declared;

    private ReferenceChecks(Project project, TopicGraph graph, Diagnostics out) {
        this.project = project;
        this.graph = graph;
        this.out = out;
        this.declared = project.topics().stream().map(Topic::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Runs every check; returns the pipelines with an error, which cannot be compiled as they are. */
    static Set<String> check(Project project, TopicGraph graph, Diagnostics out) {
        ReferenceChecks checks = new ReferenceChecks(project, graph, out);
        Set<String> broken = new LinkedHashSet<>();
        for (Reference r : graph.references()) {
            if (!checks.declared(r)) {
                broken.add(r.owner());
            }
        }
        broken.addAll(checks.loops());
        checks.unusedTopics();
        checks.unreadDeadLetterTopics();
        return broken;
    }

    private boolean declared(Reference r) {
        Optional<Topic> topic = project.topic(r.topic());
        if (topic.isEmpty()) {
            Optional<String> closest = Names.closest(r.topic(), declared);
            if (r.use() == Use.DEAD_LETTER) {
                out.warning(r.pos(), "dead-letter topic '" + r.topic() + "' is not declared; it will be created "
                        + "with the project's defaults", closest.map(c -> "did you mean '" + c + "'?")
                        .orElse("declare it in topics/ to choose its partitions and retention"));
                return true;
            }
            out.error(r.pos(), r.use().words + " '" + r.topic() + "' is not declared", closest
                    .map(c -> "did you mean '" + c + "'?")
                    .orElse("declare it in topics/: kind: Topic, metadata: { name: " + r.topic() + " }"));
            return false;
        }
        if (r.use() == Use.ENRICH && !topic.get().compacted()) {
            out.warning(r.pos(), "enrich table '" + r.topic() + "' is not compacted, so it keeps every old row "
                    + "and a restart reads them all", "set config: { cleanup.policy: compact } on topic '"
                    + r.topic() + "' (" + topic.get().metadata().pos() + ")");
        }
        return true;
    }

    /** Reports each loop at the place its first pipeline reads the topic that closes it. */
    private Set<String> loops() {
        Set<String> inLoops = new LinkedHashSet<>();
        for (List<String> loop : graph.loops()) {
            String first = loop.get(0);
            String closing = loop.get(loop.size() - 1);
            Position at = graph.references().stream()
                    .filter(r -> r.owner().equals(first) && r.use().reads && r.topic().equals(closing))
                    .map(Reference::pos).findFirst()
                    .orElseGet(() -> project.pipeline(first).map(Pipeline::pos).orElse(Position.UNKNOWN));
            out.error(at, "pipelines loop: " + String.join(" -> ", loop) + " -> " + first,
                    "a pipeline must not read, directly or through other pipelines, a topic it writes");
            for (int i = 0; i < loop.size(); i += 2) {
                inLoops.add(loop.get(i));
            }
        }
        return inLoops;
    }

    private void unusedTopics() {
        for (Topic t : project.topics()) {
            if (!graph.isUsed(t.name())) {
                out.warning(t.metadata().pos(), "topic '" + t.name() + "' is declared, but no pipeline or generator "
                        + "reads or writes it", "remove it, or use it in a pipeline");
            }
        }
    }

    /**
     * A declared dead-letter topic that no pipeline reads needs someone to look at it: its
     * {@code metadata.owner}. (An undeclared one was reported already.)
     */
    private void unreadDeadLetterTopics() {
        Set<String> reported = new LinkedHashSet<>();
        for (Reference r : graph.references()) {
            if (r.use() != Use.DEAD_LETTER || graph.isRead(r.topic()) || !reported.add(r.topic())) {
                continue;
            }
            project.topic(r.topic()).filter(t -> t.metadata().owner().isEmpty()).ifPresent(t ->
                    out.warning(r.pos(), "no pipeline reads dead-letter topic '" + t.name() + "', and it has no owner",
                            "give topic '" + t.name() + "' an owner who looks after its records (metadata: { name: "
                                    + t.name() + ", owner: my-team }), or read it in a pipeline"));
        }
    }
}
