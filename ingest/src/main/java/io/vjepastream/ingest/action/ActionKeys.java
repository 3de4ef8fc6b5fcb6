package io.vjepastream.ingest.action;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * State-store keys that sort a stream's actions by time: the stream id's length and UTF-8 bytes, then
 * the time with its sign bit flipped, big-endian, so that unsigned byte order is time order and one
 * stream's actions form one contiguous key range.
 */
final class ActionKeys {
    private ActionKeys() {
    }

    static Bytes key(String streamId, long micros) {
        byte[] id = streamId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(4 + id.length + 8).putInt(id.length).put(id)
                .putLong(micros ^ Long.MIN_VALUE).array());
    }

    static long micros(Bytes key) {
        byte[] bytes = key.get();
        return ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong() ^ Long.MIN_VALUE;
    }
}
