package dev.weir.server.metrics;

import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagStatus;
import dev.weir.server.observe.LagView;
import dev.weir.server.observe.PartitionLag;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumer lag as gauges, from a {@link LagView}. Groups and partitions come and go, so the rows
 * are set anew from the view at every scrape ({@link #refresh()}): a group the view no longer
 * lists disappears from the next scrape.
 */
final class LagGauges {

    static final String PARTITION_LAG = "weir.consumer.lag";
    static final String GROUP_LAG = "weir.consumer.group.lag";
    static final String GROUP_STATUS_CODE = "weir.consumer.group.lag.status";
    static final String GROUP_STATUS = "weir.consumer.group.status";

    private final LagView view;
    private final MultiGauge partitionLag;
    private final MultiGauge groupLag;
    private final MultiGauge statusCode;
    private final MultiGauge status;

    LagGauges(LagView view, MeterRegistry registry) {
        this.view = view;
        this.partitionLag = MultiGauge.builder(PARTITION_LAG)
                .description("Messages between a consumer group's committed offset and the end of a partition")
                .register(registry);
        this.groupLag = MultiGauge.builder(GROUP_LAG)
                .description("A consumer group's lag summed over its partitions")
                .register(registry);
        this.statusCode = MultiGauge.builder(GROUP_STATUS_CODE)
                .description("A consumer group's lag status, its worst partition's: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP")
                .register(registry);
        this.status = MultiGauge.builder(GROUP_STATUS)
                .description("1 for a consumer group's lag status, 0 for the others")
                .register(registry);
        refresh();
    }

    /** The numeric code of a status in {@code weir_consumer_group_lag_status}: worse is higher. */
    static int code(LagStatus s) {
        return switch (s) {
            case OK -> 0;
            case WARN -> 1;
            case REWIND -> 2;
            case STALL -> 3;
            case STOP -> 4;
        };
    }

    void refresh() {
        List<MultiGauge.Row<?>> partitions = new ArrayList<>();
        List<MultiGauge.Row<?>> groups = new ArrayList<>();
        List<MultiGauge.Row<?>> codes = new ArrayList<>();
        List<MultiGauge.Row<?>> statuses = new ArrayList<>();
        for (GroupLag g : view.groups()) {
            Tags group = Tags.of("group", g.group());
            for (PartitionLag p : g.partitions()) {
                partitions.add(MultiGauge.Row.of(group.and("topic", p.topic(), "partition", Integer.toString(p.partition())),
                        p.lag()));
            }
            groups.add(MultiGauge.Row.of(group, g.totalLag()));
            codes.add(MultiGauge.Row.of(group, code(g.status())));
            for (LagStatus s : LagStatus.values()) {
                statuses.add(MultiGauge.Row.of(group.and("status", s.name()), s == g.status() ? 1 : 0));
            }
        }
        partitionLag.register(partitions, true);
        groupLag.register(groups, true);
        statusCode.register(codes, true);
        status.register(statuses, true);
    }

    void remove() {
        partitionLag.register(List.of(), true);
        groupLag.register(List.of(), true);
        statusCode.register(List.of(), true);
        status.register(List.of(), true);
    }
}
