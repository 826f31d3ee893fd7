package dev.weir.server.http;

import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagView;
import dev.weir.server.observe.PartitionLag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code /api/lag}: every watched consumer group's lag and Burrow-style status, and one group's by name. */
@Path("/api/lag")
@Produces(MediaType.APPLICATION_JSON)
public final class LagResource {

    private final LagView lag;

    LagResource(LagView lag) {
        this.lag = lag;
    }

    record PartitionView(String topic, int partition, long committedOffset, long endOffset, long lag, String status) {
    }

    record GroupView(String group, String status, long totalLag, String evaluatedAt, List<PartitionView> partitions) {

        static GroupView of(GroupLag g) {
            return new GroupView(g.group(), g.status().name(), g.totalLag(),
                    g.evaluatedAt() == null ? null : g.evaluatedAt().toString(),
                    g.partitions().stream().map(GroupView::partition).toList());
        }

        private static PartitionView partition(PartitionLag p) {
            return new PartitionView(p.topic(), p.partition(), p.committedOffset(), p.endOffset(), p.lag(), p.status().name());
        }
    }

    @GET
    public List<GroupView> groups() {
        return lag.groups().stream().map(GroupView::of).toList();
    }

    @GET
    @Path("{group}")
    public GroupView group(@PathParam("group") String group) {
        return lag.group(group).map(GroupView::of)
                .orElseThrow(() -> ApiError.notFound("no lag known for consumer group '" + group + "'"));
    }
}
