package dev.weir.cli;

import dev.weir.server.alerts.AlertEvent;
import dev.weir.server.alerts.AlertTopic;
import dev.weir.spec.alert.AlertNotify;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Show which alerts fire now.",
                "Reads the alerts topic (compacted, keyed rule/pipeline) from its beginning to its end, keeps the "
                        + "latest event of each rule on each pipeline, and prints those that fire, most severe "
                        + "first. Alert rules live in a project's alerts/*.yaml; a running 'weir up' or 'weir run' "
                        + "judges them and writes the events."},
        footer = {"", "Examples:", "  weir alerts",
                "  weir alerts --all --project fraud-detection",
                "  weir alerts --format json -b kafka1:9092 -c client.properties | jq '.[].text'",
                "", "Exit codes: 0 done (whether or not something fires), 1 Kafka out of reach."})
final class AlertsCommand implements Callable<Integer> {

    enum OutputFormat { text, json }

    private static final Map<String, Integer> SEVERITY_ORDER = Map.of("critical", 0, "warning", 1, "info", 2);

    @ParentCommand
    WeirCommand root;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--all", description = "Also show alerts that fired and have resolved since.")
    boolean all;

    @Option(names = "--project", paramLabel = "NAME", description = "Only the alerts of this project.")
    String project;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = AlertNotify.DEFAULT_TOPIC,
            description = "The alerts topic, as the rules' notify.topic names it (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default): one line per alert; json: an array of the events as they are on the topic.")
    OutputFormat format;

    @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "DURATION", defaultValue = "15s",
            description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        Map<String, Object> props = cluster.clientConfig();
        Optional<List<AlertEvent>> current;
        try {
            current = AlertTopic.current(props, topic, timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new UserError(ExitCode.FAILURE, "cannot reach Kafka at " + props.get("bootstrap.servers")
                    + " within " + timeout.toSeconds() + "s (is 'weir up' running? is --bootstrap-servers right?)");
        } catch (KafkaException e) {
            throw new UserError(ExitCode.FAILURE, "cannot read alerts topic '" + topic + "' at "
                    + props.get("bootstrap.servers") + ": " + e.getMessage());
        }
        PrintStream out = root.out;
        if (current.isEmpty()) {
            if (format == OutputFormat.json) {
                out.println("[]");
            } else {
                out.println("No alerts yet: topic '" + topic + "' does not exist. Weir creates it when it runs a "
                        + "project with alert rules.");
            }
            return ExitCode.OK;
        }
        List<AlertEvent> events = current.get().stream()
                .filter(e -> project == null || e.project().equals(project)).toList();
        List<AlertEvent> firing = events.stream().filter(e -> e.status() == AlertEvent.Status.FIRING)
                .sorted(Comparator.comparing((AlertEvent e) -> SEVERITY_ORDER.getOrDefault(e.severity(), 3))
                        .thenComparing(AlertEvent::since))
                .toList();
        List<AlertEvent> resolved = events.stream().filter(e -> e.status() == AlertEvent.Status.RESOLVED)
                .sorted(Comparator.comparing(AlertEvent::at).reversed()).toList();
        List<AlertEvent> shown = new ArrayList<>(firing);
        if (all) {
            shown.addAll(resolved);
        }
        if (format == OutputFormat.json) {
            List<String> json = shown.stream().map(AlertEvent::toJson).toList();
            out.println(json.isEmpty() ? "[]" : "[\n  " + String.join(",\n  ", json) + "\n]");
        } else {
            printText(out, shown, firing.size(), resolved.size());
        }
        return ExitCode.OK;
    }

    private void printText(PrintStream out, List<AlertEvent> shown, int firing, int resolved) {
        if (!shown.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"STATUS", "SEVERITY", "RULE", "PIPELINE", "PROJECT", "SINCE", "MESSAGE"});
            Instant now = Instant.now();
            for (AlertEvent e : shown) {
                String since = e.since().truncatedTo(ChronoUnit.SECONDS) + (e.status() == AlertEvent.Status.FIRING
                        ? " (" + age(Duration.between(e.since(), now)) + ")"
                        : " (resolved " + e.at().truncatedTo(ChronoUnit.SECONDS) + ")");
                rows.add(new String[]{e.status().name(), e.severity(), e.rule(), e.pipeline(), e.project(), since,
                        e.message()});
            }
            int[] widths = new int[6];
            rows.forEach(r -> {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], r[i].length());
                }
            });
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    line.append(String.format("%-" + widths[i] + "s  ", r[i]));
                }
                out.println(line.append(r[6]));
            }
        }
        String summary = firing == 0 ? "Nothing fires" : firing + " firing";
        String rest = resolved == 0 ? ""
                : all ? ", " + resolved + " resolved" : " (" + resolved + " resolved; --all shows them)";
        out.println(summary + rest + (project == null ? "" : " in project " + project) + ", from topic " + topic + ".");
    }

    private static String age(Duration d) {
        if (d.isNegative() || d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return "for " + d.toMinutes() + "m";
        }
        if (d.toDays() < 1) {
            return "for " + d.toHours() + "h" + (d.toMinutesPart() == 0 ? "" : " " + d.toMinutesPart() + "m");
        }
        return "for " + d.toDays() + "d" + (d.toHoursPart() == 0 ? "" : " " + d.toHoursPart() + "h");
    }
}
