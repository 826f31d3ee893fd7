package dev.weir.cli;

import dev.weir.server.ProjectRuntime;
import dev.weir.server.http.ApiSources;
import dev.weir.server.http.HttpSettings;
import dev.weir.server.http.HttpStartException;
import dev.weir.server.http.WeirHttpServer;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The Weir HTTP server of {@code weir up} and {@code weir run}: its options, and what it serves
 * (dashboard, JSON API, /metrics) wired to the running project.
 */
final class HttpServing {

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the dashboard, the JSON API (/api) and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the HTTP server listens on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    /**
     * Starts serving {@code runtime}; it may be started before the runtime, so a taken port stops
     * the command before any pipeline runs.
     *
     * @throws UserError when the port is taken, naming the option to change
     */
    WeirHttpServer start(ProjectRuntime runtime, Optional<ApiSources.Registry> registry) {
        try {
            return WeirHttpServer.start(HttpSettings.of(host, port), sources(runtime, registry));
        } catch (HttpStartException e) {
            throw new UserError(ExitCode.FAILURE, e.getMessage() + "; "
                    + (e.portInUse() ? "stop whatever listens there or choose another port with --http-port"
                    : "check --http-host and --http-port"));
        }
    }

    /**
     * What the API shows. The one place the observability parts are wired: metrics, lag, alerts
     * and lineage each come from here.
     */
    private static ApiSources sources(ProjectRuntime runtime, Optional<ApiSources.Registry> registry) {
        // The server starts before the runtime; lag and alerts are read through it, so they show once it runs.
        return new ApiSources(runtime, () -> runtime.metrics().scrape(), () -> runtime.lag().groups(),
                () -> runtime.alerts().alerts(), runtime::lineage, registry);
    }
}
