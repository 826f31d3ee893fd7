package dev.weir.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The queries of the Grafana dashboard in deploy/monitoring, and the metrics they read. */
final class Dashboard {

    /** Tests run in weir-server/. */
    static final Path MONITORING = Path.of("..", "deploy", "monitoring");
    static final Path FILE = MONITORING.resolve("grafana/dashboards/weir.json");

    private static final Pattern METRIC = Pattern.compile("\\b((?:weir|kafka|jvm|process)_[a-z0-9_]+)");

    private Dashboard() {
    }

    /** Every PromQL expression of every panel, with the dashboard's variables filled in. */
    static List<String> queries() throws IOException {
        List<String> out = new ArrayList<>();
        collect(new ObjectMapper().readTree(FILE.toFile()), out);
        return out.stream().map(q -> q.replace("$__rate_interval", "1m").replace("$pipeline", ".*")
                .replace("$group", ".*")).toList();
    }

    /** The names of the samples the queries read. */
    static Set<String> metrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String q : queries()) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }
}
