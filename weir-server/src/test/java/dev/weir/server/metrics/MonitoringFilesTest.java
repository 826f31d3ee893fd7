package dev.weir.server.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/monitoring: Prometheus' configuration and the dashboard's queries, as promtool judges them. */
class MonitoringFilesTest {

    @TempDir
    Path dir;

    @Test
    void prometheusConfigurationIsValid() throws Exception {
        assertThat(Promtool.run(List.of("check", "config", Dashboard.MONITORING.resolve("prometheus.yml").toString()), ""))
                .contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryIsValidPromQL() throws Exception {
        List<String> queries = Dashboard.queries();
        assertThat(queries).hasSizeGreaterThan(20);
        // promtool checks the PromQL of rule files: one recording rule per query
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard_query_").append(i).append('\n')
                    .append("        expr: '").append(queries.get(i).replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve("dashboard-rules.yml");
        Files.writeString(file, rules);

        assertThat(Promtool.run(List.of("check", "rules", file.toString()), "")).contains("SUCCESS: " + queries.size() + " rules found");
    }
}
