package io.vjepastream.embedder;

/**
 * Whether the embedder is answering: {@link Status#UP} only while Kafka Streams is running, every
 * configured stream thread is alive and running, and a model is loaded.
 *
 * @param status up or down
 * @param detail one line saying why, for example {@code "streams RUNNING, model tiny-v3"}
 */
public record EmbedderHealth(Status status, String detail) {
    /** Up or down. */
    public enum Status { UP, DOWN }

    /** True when {@link #status()} is {@link Status#UP}. */
    public boolean isUp() {
        return status == Status.UP;
    }
}
