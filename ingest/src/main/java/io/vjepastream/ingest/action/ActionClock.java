package io.vjepastream.ingest.action;

/** Which frame time an action's {@code ptsMicros} is compared with when it is joined into a pair. */
public enum ActionClock {
    /**
     * The frame's presentation time: for recorded episodes whose actions were logged on the video's
     * own clock.
     */
    FRAME_PTS,
    /**
     * The frame's wall-clock capture time (epoch microseconds): for live robots whose controller stamps
     * commands with the wall clock.
     */
    CAPTURE_TIME
}
