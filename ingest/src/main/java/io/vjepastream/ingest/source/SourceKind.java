package io.vjepastream.ingest.source;

/** What kind of place a {@link SourceSpec} reads video from. */
enum SourceKind {
    /** A local video file, finite (endless when looped). */
    FILE,
    /** A network stream read by FFmpeg (RTSP, RTMP, HTTP, UDP, TCP, SRT), live: reconnected when it drops. */
    NETWORK,
    /** A clip generated in the JVM, see {@link SyntheticVideoSource}. */
    SYNTHETIC,
    /** A local camera through FFmpeg's video4linux2 input ({@code v4l2:///dev/video0}), live. */
    DEVICE,
    /** A directory or glob of PNG/JPEG images played at a given rate, see {@link ImageSequenceSource}. */
    IMAGES;

    /** True for sources that never end by themselves and are reconnected when they drop. */
    public boolean live() {
        return this == NETWORK || this == DEVICE;
    }
}
