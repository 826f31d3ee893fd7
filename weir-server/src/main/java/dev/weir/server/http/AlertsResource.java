package dev.weir.server.http;

import dev.weir.server.observe.AlertState;
import dev.weir.server.observe.AlertView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code /api/alerts}: every alert rule of the project and where it stands. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public final class AlertsResource {

    private final AlertView alerts;

    AlertsResource(AlertView alerts) {
        this.alerts = alerts;
    }

    record AlertStateView(String rule, String description, String status, String since, String condition, String message,
                          Double value) {

        static AlertStateView of(AlertState a) {
            return new AlertStateView(a.rule(), a.description(), a.status().name(), a.since() == null ? null : a.since().toString(),
                    a.condition(), a.message(), a.value() == null ? null : a.value().orElse(null));
        }
    }

    @GET
    public List<AlertStateView> alerts() {
        return alerts.alerts().stream().map(AlertStateView::of).toList();
    }
}
