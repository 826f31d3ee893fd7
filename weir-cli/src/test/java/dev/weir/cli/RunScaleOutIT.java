package dev.weir.cli;

import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two {@code weir run} processes against one broker split the partitions; when one stops the other takes over. */
class RunScaleOutIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String GROUP = "weir-shop-orders";

    @TempDir
    Path tmp;

    @Test
    void twoProcessesShareThePartitionsAndTheSurvivorTakesOver() throws Exception {
        Path project = tmp.resolve("shop");
        Files.createDirectories(project.resolve("pipelines"));
        Files.createDirectories(project.resolve("topics"));
        Files.writeString(project.resolve("weir.yaml"), "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n");
        Files.writeString(project.resolve("topics/orders.yaml"),
                "apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: orders-in }\nspec: { partitions: 4 }\n");
        Files.writeString(project.resolve("pipelines/orders.yaml"), """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: orders }
                spec:
                  source: { topic: orders-in, key: id }
                  steps:
                    - filter: "total > 0"
                  sink: { topic: orders-out }
                """);
        try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(tmp.resolve("kafka")).withPort(Clients.freePort())).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             WeirProcess one = WeirProcess.start(tmp, "run", project.toString(), "-b", kafka.bootstrapServers(), "--status-interval", "1s");
             WeirProcess two = WeirProcess.start(tmp, "run", project.toString(), "-b", kafka.bootstrapServers(), "--status-interval", "1s")) {
            one.awaitLine(l -> l.contains("orders  RUNNING"), WAIT);
            two.awaitLine(l -> l.contains("orders  RUNNING"), WAIT);
            await(admin, "two members with a share each", d -> d.members().size() == 2
                    && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty()));

            for (int i = 0; i < 40; i++) {
                Clients.produce(kafka.bootstrapServers(), "orders-in", null, "{\"id\": \"o" + i + "\", \"total\": " + (i + 1) + "}");
            }
            assertThat(Clients.read(kafka.bootstrapServers(), "orders-out", 40, WAIT)).hasSize(40);

            one.stop(WAIT);
            assertThat(one.output()).contains("Stopped cleanly.");
            await(admin, "the survivor owns all four partitions", d -> d.members().size() == 1
                    && d.members().iterator().next().assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals("orders-in")).count() == 4);
            for (int i = 40; i < 80; i++) {
                Clients.produce(kafka.bootstrapServers(), "orders-in", null, "{\"id\": \"o" + i + "\", \"total\": " + (i + 1) + "}");
            }
            assertThat(Clients.read(kafka.bootstrapServers(), "orders-out", 80, WAIT)).hasSize(80);
            two.stop(WAIT);
        }
    }

    private static void await(Admin admin, String what, java.util.function.Predicate<ConsumerGroupDescription> condition)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ConsumerGroupDescription last = null;
        while (System.nanoTime() < deadline) {
            last = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
            if (condition.test(last)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what + "; group is " + (last == null ? "unknown"
                : last.members().stream().map(MemberDescription::assignment).toList()));
    }
}
