package io.vjepastream.pipeline;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the in-JVM KRaft broker: real decoding, real training, real Kafka Streams. */
class LocalPipelineTest {
    @TempDir
    Path checkpoints;

    @Test
    void videoInLatentsAndEnergiesOutWhileTheModelLearns() throws Exception {
        PipelineScenario.run(null, checkpoints);
    }
}
