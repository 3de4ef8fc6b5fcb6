package io.vjepastream.ingest.encode;

import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.PixelFormat;
import java.nio.ByteBuffer;

/**
 * Turns a decoded RGB24 frame into the {@link Frame} record that goes on Kafka, in the configured
 * pixel format and encoding. {@code FramePixels.rgb24} in the schemas module reads every result back.
 * An encoder may keep native or codec state: one per stream thread, not shared.
 */
public interface FrameEncoder {
    /**
     * The frame as a record.
     *
     * @throws IllegalStateException when the image codec fails
     */
    Frame encode(DecodedFrame frame);

    /** The encoder for these settings. */
    static FrameEncoder of(EncodingSettings settings) {
        return switch (settings.encoding()) {
            case RAW -> new RawFrameEncoder(settings.pixelFormat());
            case PNG, JPEG ->
                    new ImageFrameEncoder(settings.encoding(), settings.pixelFormat(), settings.jpegQuality());
        };
    }

    /** The record of a decoded frame's timestamps and size around its encoded bytes. */
    static Frame record(DecodedFrame frame, PixelFormat format, FrameEncoding encoding, byte[] data) {
        return Frame.newBuilder()
                .setPtsMicros(frame.ptsMicros())
                .setCaptureTimeMicros(frame.captureTimeMicros())
                .setWidth(frame.width())
                .setHeight(frame.height())
                .setPixelFormat(format)
                .setEncoding(encoding)
                .setData(ByteBuffer.wrap(data))
                .build();
    }
}
