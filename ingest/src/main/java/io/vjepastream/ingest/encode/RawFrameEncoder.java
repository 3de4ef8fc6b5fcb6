package io.vjepastream.ingest.encode;

import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.PixelFormat;

/** Stores frames uncompressed: RGB24 as decoded (the pixel array is shared, never copied) or as GRAY8 luma. */
final class RawFrameEncoder implements FrameEncoder {
    private final PixelFormat format;

    RawFrameEncoder(PixelFormat format) {
        this.format = format;
    }

    @Override
    public Frame encode(DecodedFrame frame) {
        byte[] data = format == PixelFormat.GRAY8 ? Luma.gray8(frame.rgb()) : frame.rgb();
        return FrameEncoder.record(frame, format, FrameEncoding.RAW, data);
    }
}
