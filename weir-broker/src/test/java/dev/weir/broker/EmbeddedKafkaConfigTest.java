package dev.weir.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class EmbeddedKafkaConfigTest {

    private final Path dataDir = Path.of("project", ".weir", "kafka");

    @Test
    void hasLocalDefaults() {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dataDir);

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(9092);
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.extraProperties()).isEmpty();
        assertThat(new EmbeddedKafka(config).bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void withMethodsReturnChangedCopies() {
        EmbeddedKafka.Config base = EmbeddedKafka.Config.of(dataDir);
        EmbeddedKafka.Config changed = base.withPort(19092)
                .withStartupTimeout(Duration.ofSeconds(5))
                .withProperty("log.retention.hours", "1")
                .withProperties(Map.of("num.partitions", "3"));

        assertThat(base.port()).isEqualTo(9092);
        assertThat(changed.port()).isEqualTo(19092);
        assertThat(changed.startupTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.extraProperties())
                .containsEntry("log.retention.hours", "1")
                .containsEntry("num.partitions", "3");
    }

    @Test
    void buildsSingleNodeBrokerProperties() {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dataDir).withPort(19092);
        Properties props = BrokerProperties.build(config, 40001);

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:40001")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:40001")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("log.dirs", dataDir.toAbsolutePath().normalize().toString())
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("controlled.shutdown.enable", "true")
                .containsEntry("num.partitions", "1");
    }

    @Test
    void extraPropertiesOverrideDefaults() {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dataDir).withProperty("num.partitions", "3");

        assertThat(BrokerProperties.build(config, 40001)).containsEntry("num.partitions", "3");
    }

    @Test
    void rejectsOverridingManagedProperties() {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dataDir);

        assertThatThrownBy(() -> config.withProperty("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
    }

    @Test
    void rejectsInvalidPort() {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dataDir);

        assertThatThrownBy(() -> config.withPort(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withPort(70000)).isInstanceOf(IllegalArgumentException.class);
    }
}
