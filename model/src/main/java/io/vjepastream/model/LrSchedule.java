package io.vjepastream.model;

/** The learning rate after the linear warm-up ({@code lr_schedule}). */
public enum LrSchedule {
    /** Constant at {@code lr}: for continual training on endless streams (the default). */
    CONSTANT,
    /** Half a cosine from {@code lr} down to {@code final_lr} at {@code total_steps}, then {@code final_lr}. */
    COSINE;

    /** @return the name used in configuration files, e.g. {@code cosine} */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
