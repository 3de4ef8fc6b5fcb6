package io.vjepastream.schemas;

import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.records.TemporalMask;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** One filled-in example of every record, with every optional field set. */
final class SampleRecords {
    private SampleRecords() {
    }

    static Frame frame(long pts, int width, int height) {
        byte[] data = new byte[width * height * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + pts);
        }
        return Frame.newBuilder()
                .setPtsMicros(pts)
                .setCaptureTimeMicros(1_700_000_000_000_000L + pts)
                .setWidth(width)
                .setHeight(height)
                .setPixelFormat(PixelFormat.RGB24)
                .setEncoding(FrameEncoding.RAW)
                .setData(ByteBuffer.wrap(data))
                .build();
    }

    static FramePair framePair() {
        TemporalMask mask = TemporalMask.newBuilder()
                .setStrategy(MaskStrategy.TEMPORAL)
                .setGridT(3).setGridH(2).setGridW(2).setPatchSize(4)
                .setContext(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0}))
                .setTarget(ByteBuffer.wrap(new byte[] {0, 0x0F}))
                .setSeed(7)
                .build();
        return FramePair.newBuilder()
                .setStreamId("cam-1")
                .setSequence(41)
                .setContext(List.of(frame(0, 8, 8), frame(200_000, 8, 8)))
                .setTarget(List.of(frame(400_000, 8, 8)))
                .setStrideFrames(2)
                .setMask(mask)
                .setAction(List.of(0.5f, -1.25f))
                .setSource("file:/videos/cam-1.mp4")
                .build();
    }

    static LatentState latentState() {
        return LatentState.newBuilder()
                .setStreamId("cam-1").setSequence(41).setPtsMicros(400_000).setCaptureTimeMicros(99)
                .setModelVersion("tiny-v3")
                .setEmbedding(List.of(0.1f, 0.2f, -0.3f))
                .setTokens(List.of(1f, 2f, 3f, 4f, 5f, 6f))
                .build();
    }

    static AnomalyEnergy anomalyEnergy() {
        return AnomalyEnergy.newBuilder()
                .setStreamId("cam-1").setSequence(41).setPtsMicros(400_000).setCaptureTimeMicros(99)
                .setModelVersion("tiny-v3")
                .setEnergy(0.75).setZScore(3.5).setAnomalous(true)
                .setPatchEnergy(List.of(0.5f, 0.75f, 1f, 0.25f))
                .build();
    }

    static CheckpointEvent checkpointEvent() {
        return CheckpointEvent.newBuilder()
                .setModelId("tiny").setVersion(3).setStep(300)
                .setUri("file:/var/lib/vjepa/checkpoints/step-000000300")
                .setSha256("ab".repeat(32))
                .setCreatedAtMillis(1_700_000_000_000L)
                .setMetrics(Map.of("loss", 0.42))
                .setOffsets(Map.of("vjepa.frame-pairs-0", 1234L))
                .build();
    }
}
