package io.vjepastream.ingest.source;

/**
 * A video source cannot be parsed, opened or read. The message is one line that names the source
 * first and then the reason, e.g. {@code car.mp4: no such file (/videos/car.mp4)}.
 */
public class SourceException extends RuntimeException {
    /** @param message one line: the source, then what went wrong */
    public SourceException(String message) {
        super(message);
    }

    /**
     * @param message one line: the source, then what went wrong
     * @param cause the underlying failure, e.g. FFmpeg's
     */
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
