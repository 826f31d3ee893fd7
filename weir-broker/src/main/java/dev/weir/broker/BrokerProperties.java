package dev.weir.broker;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The Kafka server properties of the embedded single-node broker. */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Keys that define the node's identity, storage and listeners; callers cannot override them. */
    static final Set<String> MANAGED_KEYS = Set.of(
            "process.roles",
            "node.id",
            "broker.id",
            "listeners",
            "advertised.listeners",
            "listener.security.protocol.map",
            "inter.broker.listener.name",
            "controller.listener.names",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "log.dir",
            "log.dirs",
            "metadata.log.dir");

    private BrokerProperties() {
    }

    static Properties build(EmbeddedKafka.Config config, int controllerPort) {
        String host = config.host();
        Properties props = new Properties();

        // A combined broker and controller forming a quorum of one. The voter set is static
        // (kraft.version 0), so the controller port may change from one start to the next.
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", BROKER_LISTENER + "://" + host + ":" + config.port()
                + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + config.port());
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir(config));

        // One node: every replicated thing has exactly one replica.
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "5");

        // Topics are created explicitly; groups start without waiting for more members.
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("group.streams.initial.rebalance.delay.ms", "0");

        // Keep the controlled shutdown handshake even on one node: it is quick here (no leaders
        // to move), and it leaves the broker fenced in the metadata log. Without it the next
        // start's registration is refused as a duplicate until broker.session.timeout.ms
        // (9 s by default) has passed.
        props.put("controlled.shutdown.enable", "true");

        // Bound the blocking part of KafkaRaftServer.startup().
        props.put("server.max.startup.time.ms", String.valueOf(config.startupTimeout().toMillis()));

        props.putAll(config.extraProperties());
        return props;
    }

    static String logDir(EmbeddedKafka.Config config) {
        return config.dataDir().toAbsolutePath().normalize().toString();
    }

    static void requireNotManaged(Map<String, String> extraProperties) {
        for (String key : extraProperties.keySet()) {
            if (MANAGED_KEYS.contains(key)) {
                throw new IllegalArgumentException("broker property " + key + " is managed by Weir and cannot be set");
            }
        }
    }
}
