package dev.weir.server.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import java.util.function.Supplier;

/** {@code /metrics}: the process's metrics in the Prometheus text exposition format, for scraping. */
@Path("/metrics")
public final class MetricsResource {

    /** The content type Prometheus expects of the text format. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> metrics;

    MetricsResource(Supplier<String> metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces(TEXT_FORMAT)
    public String scrape() {
        return metrics.get();
    }
}
