package dev.weir.server.http;

import dev.weir.server.ProjectRuntime;
import dev.weir.server.observe.AlertView;
import dev.weir.server.observe.LagView;
import dev.weir.server.observe.LineageGraph;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the HTTP API and the dashboard show, in one place: the running project, the
 * Prometheus text of its metrics, consumer lag, alerts, the lineage graph, and the schema
 * registry when one is known.
 *
 * @param runtime  the project, its pipelines and the cluster it runs on
 * @param metrics  the text served at {@code /metrics}, in the Prometheus exposition format 0.0.4
 * @param lag      consumer lag of the pipelines' groups
 * @param alerts   alert rules and where they stand
 * @param lineage  the project as a graph; asked on every request, so it may change while running
 * @param registry the schema registry of the project's topics, if any
 */
public record ApiSources(ProjectRuntime runtime, Supplier<String> metrics, LagView lag, AlertView alerts,
                         Supplier<LineageGraph> lineage, Optional<Registry> registry) {

    public ApiSources {
        Objects.requireNonNull(runtime, "runtime can't be null");
        Objects.requireNonNull(metrics, "metrics can't be null");
        Objects.requireNonNull(lag, "lag can't be null");
        Objects.requireNonNull(alerts, "alerts can't be null");
        Objects.requireNonNull(lineage, "lineage can't be null");
        Objects.requireNonNull(registry, "registry can't be null");
    }

    /** Where the schema registry is, and the basic-auth credentials to read it with, if it needs them. */
    public record Registry(String url, Optional<String> user, Optional<String> password) {

        public Registry {
            Objects.requireNonNull(url, "url can't be null");
        }

        public static Registry at(String url) {
            return new Registry(url, Optional.empty(), Optional.empty());
        }
    }
}
