package io.vjepastream.ingest.source;

/** What kind of place a {@link SourceSpec} reads video from. */
public enum SourceKind {
    /** A local video file, finite. */
    FILE,
    /** A network stream read by FFmpeg (RTSP, RTMP, HTTP, UDP, TCP, SRT), endless. */
    NETWORK,
    /** A clip generated in the JVM, see {@link SyntheticVideoSource}. */
    SYNTHETIC
}
