package dev.weir.server.lineage;

import dev.weir.server.PipelineRunner;
import dev.weir.spec.model.Project;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what happens to running pipelines into OpenLineage runs, one job per pipeline:
 * <ul>
 *   <li>START of a new run when a pipeline starts, saying whether its definition changed since
 *       the last run recorded for the job;</li>
 *   <li>FAIL when a stream thread dies or the application goes to ERROR, with the error;</li>
 *   <li>START of a new run when a pipeline whose run failed is RUNNING again (its thread was replaced);</li>
 *   <li>COMPLETE when it is closed cleanly, ABORT when it did not close in time.</li>
 * </ul>
 * Register it on the {@link PipelineRunner} before the pipelines start.
 */
public final class OpenLineageRuns implements PipelineRunner.Listener {

    private final Project project;
    private final LineagePublisher publisher;
    private final String namespace;
    private final String datasetNamespace;
    private final Map<String, PipelineRun> runs = new ConcurrentHashMap<>();

    /** {@code bootstrapServers} names the cluster, the namespace of the topics as datasets. */
    public OpenLineageRuns(Project project, LineagePublisher publisher, String bootstrapServers) {
        this.project = project;
        this.publisher = publisher;
        this.namespace = project.settings().lineage().namespaceFor(project.name());
        this.datasetNamespace = OpenLineageJob.datasetNamespace(bootstrapServers);
    }

    /** A pipeline's job and its current run, if one is open. */
    private static final class PipelineRun {
        final OpenLineageJob job;
        UUID current;

        PipelineRun(OpenLineageJob job) {
            this.job = job;
        }
    }

    @Override
    public void starting(PipelineRunner.Running pipeline) {
        PipelineRun run = new PipelineRun(new OpenLineageJob(project, pipeline.pipeline(), namespace, datasetNamespace));
        runs.put(pipeline.pipeline().name(), run);
        synchronized (run) {
            begin(run);
        }
    }

    @Override
    public void stateChanged(PipelineRunner.Running pipeline, KafkaStreams.State from, KafkaStreams.State to) {
        PipelineRun run = runs.get(pipeline.pipeline().name());
        if (run == null) {
            return;
        }
        synchronized (run) {
            if (to == KafkaStreams.State.RUNNING && run.current == null) {
                begin(run);
            } else if (to == KafkaStreams.State.ERROR && run.current != null) {
                fail(run, "the Kafka Streams application of pipeline " + pipeline.pipeline().name()
                        + " stopped with an error (state ERROR)", Optional.empty());
            }
        }
    }

    @Override
    public void failed(PipelineRunner.Running pipeline, Throwable error) {
        PipelineRun run = runs.get(pipeline.pipeline().name());
        if (run == null) {
            return;
        }
        synchronized (run) {
            if (run.current != null) {
                fail(run, message(error), Optional.of(error));
            }
        }
    }

    @Override
    public void closed(PipelineRunner.Running pipeline, boolean cleanly) {
        PipelineRun run = runs.remove(pipeline.pipeline().name());
        if (run == null) {
            return;
        }
        synchronized (run) {
            if (run.current != null) {
                publisher.publish(run.job.end(run.current, Instant.now(), cleanly));
                run.current = null;
            }
        }
    }

    private void begin(PipelineRun run) {
        run.current = TimeOrderedUuid.next();
        Optional<String> previous = publisher.lastDefinitionHash(run.job.key());
        publisher.publish(run.job.start(run.current, Instant.now(), previous));
    }

    private void fail(PipelineRun run, String message, Optional<Throwable> error) {
        publisher.publish(run.job.fail(run.current, Instant.now(), message, error));
        run.current = null;
    }

    /** The innermost cause says what went wrong; Kafka Streams wraps it in StreamsExceptions. */
    private static String message(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return root == error ? text : error.getClass().getSimpleName() + " caused by " + text;
    }
}
