package dev.weir.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;

import java.util.List;
import java.util.Set;

/**
 * Keeps the exposition within the Prometheus naming rules that {@code promtool check metrics}
 * enforces, for the meters Weir does not name itself (Kafka's clients and Kafka Streams, the JVM):
 * <ul>
 *   <li>a meter whose name carries a unit other than a base unit ({@code ns}, {@code ms},
 *       {@code milliseconds}, ...) is left out: its value cannot be rescaled here. Kafka's
 *       {@code *-time-ns-total} and {@code *-time-ns-avg} are such; their ratios ({@code io-ratio},
 *       {@code io-wait-ratio}) and latencies stay;</li>
 *   <li>a gauge whose Prometheus name would end in {@code _count}, reserved for histograms, is
 *       exposed as {@code <thing>s} (e.g. {@code kafka_consumer_connections} for Kafka's
 *       {@code connection-count}). The naming convention does it, not a meter filter, so the meter
 *       keeps its id and the Kafka binders still recognise it as theirs when they refresh;</li>
 *   <li>a Kafka metric without a description gets one naming it.</li>
 * </ul>
 * Register it both as the registry's naming convention and as a meter filter.
 */
final class PromtoolNames extends PrometheusNamingConvention implements MeterFilter {

    /** The unit abbreviations promtool rejects in a name. */
    private static final Set<String> ABBREVIATED_UNITS =
            Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d");
    private static final List<String> BASE_UNITS =
            List.of("amperes", "bytes", "celsius", "grams", "joules", "kelvin", "meters", "metres", "seconds", "volts");
    private static final List<String> UNIT_PREFIXES = List.of("pico", "nano", "micro", "milli", "centi", "deci", "deca",
            "hecto", "kilo", "kibi", "mega", "mebi", "giga", "gibi", "tera", "tebi", "peta", "pebi");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        for (String token : id.getName().split("[._-]")) {
            if (!acceptableUnit(token)) {
                return MeterFilterReply.DENY;
            }
        }
        String unit = id.getBaseUnit();
        return unit == null || acceptableUnit(unit) ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
    }

    @Override
    public String name(String name, Meter.Type type, String baseUnit) {
        String n = super.name(name, type, baseUnit);
        if (type == Meter.Type.GAUGE && n.endsWith("_count") && n.length() > "_count".length()) {
            return n.substring(0, n.length() - "_count".length()) + "s";
        }
        return n;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String description = id.getDescription();
        if (id.getName().startsWith("kafka.") && (description == null || description.isBlank())) {
            return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                    "Kafka metric " + id.getName(), id.getType());
        }
        return id;
    }

    private static boolean acceptableUnit(String token) {
        String t = token.toLowerCase(java.util.Locale.ROOT);
        if (ABBREVIATED_UNITS.contains(t)) {
            return false;
        }
        for (String prefix : UNIT_PREFIXES) {
            if (t.startsWith(prefix) && BASE_UNITS.contains(t.substring(prefix.length()))) {
                return false;
            }
        }
        return true;
    }
}
