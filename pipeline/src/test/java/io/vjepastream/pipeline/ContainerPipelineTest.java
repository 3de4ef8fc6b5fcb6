package io.vjepastream.pipeline;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same scenario against Kafka in a container (the apache/kafka image the deployment uses).
 * Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineTest {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @TempDir
    Path checkpoints;

    @Test
    void videoInLatentsAndEnergiesOutOnAContainerBroker() throws Exception {
        PipelineScenario.run(KAFKA.getBootstrapServers(), checkpoints);
    }
}
