package dev.weir.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.properties.PropertiesUtils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KRaft storage directory of the embedded broker: formatting it the way
 * {@code kafka-storage.sh format} does, and reading back the cluster id.
 */
final class KraftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {
    }

    static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
    }

    /**
     * Formats {@code logDir} for a single combined node with a new cluster id, which is kept
     * in its {@code meta.properties}. The directory is used for both data and metadata.
     *
     * @return the new cluster id
     */
    static String format(Path logDir) {
        String clusterId = Uuid.randomUuid().toString();
        String dir = logDir.toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(BrokerProperties.NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir)
                    .addDirectory(dir)
                    .run();
        } catch (Exception e) {
            throw new BrokerStartException("cannot format Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
        String printed = output.toString(StandardCharsets.UTF_8).strip();
        if (!printed.isEmpty()) {
            LOG.debug("{}", printed);
        }
        LOG.info("Formatted Kafka storage in {} (cluster id {})", dir, clusterId);
        return clusterId;
    }

    static String clusterId(Path logDir) {
        Path file = logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
        try {
            MetaProperties meta = new MetaProperties.Builder(PropertiesUtils.readPropertiesFile(file.toString())).build();
            return meta.clusterId().orElseThrow(() -> new BrokerStartException(file + " has no cluster.id"));
        } catch (IOException e) {
            throw new BrokerStartException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
