package io.vjepastream.model;

/** A pair the model cannot take: wrong frame count or frame size. The message says which and why. */
public class InvalidPairException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPairException(String message) {
        super(message);
    }
}
