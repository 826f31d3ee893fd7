package dev.weir.server;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics a project needs before its pipelines start: declared topics as declared,
 * and the rest (dead-letter and route topics nobody declared) with the project's defaults.
 * Existing topics are left as they are; changing them is the job of plan and apply.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** Returns the names of the topics it created. */
    public static List<String> ensure(Admin admin, Project project, List<CompiledPipeline> pipelines, Set<String> extra)
            throws InterruptedException {
        Map<String, NewTopic> wanted = new LinkedHashMap<>();
        for (Topic t : project.topics()) {
            wanted.put(t.name(), new NewTopic(t.name(), t.partitions(), t.replicationFactor()).configs(t.configs()));
        }
        List<String> implied = new ArrayList<>(extra);
        for (CompiledPipeline p : pipelines) {
            implied.addAll(p.inputTopics());
            implied.addAll(p.outputTopics());
        }
        for (String name : implied) {
            wanted.computeIfAbsent(name, n -> new NewTopic(n, project.settings().defaultPartitions(),
                    project.settings().defaultReplicationFactor()));
        }
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.values().stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            List<String> created = new ArrayList<>();
            var results = admin.createTopics(missing).values();
            for (var e : results.entrySet()) {
                try {
                    e.getValue().get(30, TimeUnit.SECONDS);
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                }
            }
            LOG.info("created topics {}", created);
            return created;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot create topics: " + cause.getMessage(), cause);
        }
    }
}
