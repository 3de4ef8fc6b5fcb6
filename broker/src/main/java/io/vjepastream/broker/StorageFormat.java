package io.vjepastream.broker;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Formats a KRaft log directory the way {@code kafka-storage.sh format} does, in code. A directory
 * that already holds {@code meta.properties} keeps its cluster id and data.
 */
final class StorageFormat {
    private static final String META_PROPERTIES = "meta.properties";

    private StorageFormat() {
    }

    /**
     * Formats the log directory of {@code config} unless it is formatted already.
     *
     * @return true when the directory was formatted now, false when it already was
     * @throws IllegalStateException when formatting fails
     */
    static boolean formatIfNeeded(KafkaConfig config, Path logDir) {
        if (Files.exists(logDir.resolve(META_PROPERTIES))) {
            return false;
        }
        String directory = logDir.toAbsolutePath().toString();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                .addDirectory(directory)
                .setMetadataLogDirectory(config.metadataLogDir());
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + directory + ": " + e.getMessage(), e);
        }
        return true;
    }
}
