package io.vjepastream.ingest.encode;

import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.PixelFormat;
import java.nio.ByteBuffer;

/** Stores frames uncompressed: RGB24 as decoded (the pixel array is shared, never copied) or as GRAY8 luma. */
final class RawFrameEncoder implements FrameEncoder {
    private final PixelFormat format;

    RawFrameEncoder(PixelFormat format) {
        this.format = format;
    }

    @Override
    public Frame encode(DecodedFrame frame) {
        byte[] data = format == PixelFormat.GRAY8 ? Luma.gray8(frame.rgb()) : frame.rgb();
        return Frame.newBuilder()
                .setPtsMicros(frame.ptsMicros())
                .setCaptureTimeMicros(frame.captureTimeMicros())
                .setWidth(frame.width())
                .setHeight(frame.height())
                .setPixelFormat(format)
                .setEncoding(FrameEncoding.RAW)
                .setData(ByteBuffer.wrap(data))
                .build();
    }
}
