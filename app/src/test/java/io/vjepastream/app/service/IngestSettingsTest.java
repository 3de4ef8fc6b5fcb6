package io.vjepastream.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.cli.EnvironmentDefaults;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** vjepa ingest's options come from IngestConfig.SETTINGS: one per setting, with its default and doc. */
class IngestSettingsTest {
    @Test
    void optionsAndVariablesReachTheConfigAndItsParts() {
        IngestCommand command = new IngestCommand();
        new CommandLine(command).setDefaultValueProvider(new EnvironmentDefaults(Map.of("VJEPA_QUEUE", "7")))
                .parseArgs("--source", "synthetic:", "--image-size", "32", "--fps", "5", "--stride", "3", "--realtime",
                        "--io-timeout", "2s", "--reconnect-max", "4", "--mask", "tube", "--mask-ratio", "0.5",
                        "--encoding", "png", "--pixel-format", "GRAY8", "--max-message-bytes", "4000000",
                        "--decode-threads", "1");
        IngestConfig config = command.config();
        assertEquals(32, config.imageSize());
        assertEquals(5.0, config.sampleFps());
        assertEquals(3, config.strideFrames());
        assertTrue(config.realtime());
        assertEquals(Duration.ofSeconds(2), config.openTimeout());
        assertEquals(7, config.queueCapacity(), "from VJEPA_QUEUE");
        assertEquals(4, config.reconnect().maxAttempts());
        assertEquals(MaskStrategy.TUBE, config.masks().strategy());
        assertEquals(0.5, config.masks().ratio());
        assertEquals(FrameEncoding.PNG, config.encoding().encoding());
        assertEquals(PixelFormat.GRAY8, config.encoding().pixelFormat());
        assertEquals(4_000_000, config.encoding().maxMessageBytes());
        assertEquals(1, config.decodeThreads());
    }

    @Test
    void theDefaultsAreIngestsOwn() {
        IngestCommand command = new IngestCommand();
        new CommandLine(command).parseArgs("--source", "synthetic:");
        assertEquals(IngestConfig.defaults(), command.config());
    }

    private static IngestConfig parsed(String... args) {
        IngestCommand command = new IngestCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void framesAreCutForTheModelTheTrainerTrains() {
        IngestConfig fromModel = parsed("--source", "synthetic:", "--model", "image_size=96", "--model", "context_frames=3");
        assertEquals(96, fromModel.imageSize(), "the model's image size");
        assertEquals(3, fromModel.contextFrames(), "the model's context frames, which no ingest option sets");
        assertEquals(32, parsed("--source", "synthetic:", "--image-size", "32").imageSize(),
                "without a model configuration the option decides");
        assertEquals(96, parsed("--source", "synthetic:", "--model", "image_size=96", "--image-size", "96").imageSize());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parsed("--source", "synthetic:", "--model", "image_size=96", "--image-size", "32"));
        assertEquals("--image-size 32 disagrees with the model's image_size 96: pairs must fit the model the trainer"
                + " trains; give only one of them", e.getMessage());
    }
}
