package io.vjepastream.embedder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The pairs a task has accepted but not answered yet, in a changelogged store keyed by input offset.
 *
 * <p>This store is what makes buffering compatible with exactly-once. A stream thread runs
 * process, then punctuate, then commits when the commit interval has passed, independently of any
 * punctuator; a commit (also on a rebalance or a close) takes the offsets of every record processed
 * so far, including pairs still buffered in memory. Because each buffered pair is also written here,
 * the same transaction that commits its offset commits the pair to the changelog; after a crash the
 * restored task finds it here and answers it. An answered pair is deleted in the transaction that
 * carries its answer. With caching on, a pair buffered and answered within one commit interval costs
 * the changelog a tombstone, not its frames.
 */
final class PendingPairStore {
    /** What a restored entry holds: the original record's key, timestamp and bytes. */
    record Entry(long offset, String key, long timestamp, byte[] value) {
    }

    private final KeyValueStore<Long, byte[]> store;

    PendingPairStore(KeyValueStore<Long, byte[]> store) {
        this.store = store;
    }

    void put(long offset, String key, long timestamp, byte[] value) {
        byte[] keyBytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + Integer.BYTES + keyBytes.length + value.length);
        buffer.putLong(timestamp).putInt(key == null ? -1 : keyBytes.length).put(keyBytes).put(value);
        store.put(offset, buffer.array());
    }

    void delete(long offset) {
        store.delete(offset);
    }

    /**
     * Every entry, oldest offset first (offsets are non-negative, and the store orders their big-endian
     * bytes, which is their numeric order). An entry that cannot be read is skipped and reported to
     * {@code unreadable} by offset, so it is deleted instead of blocking the task.
     */
    List<Entry> all(java.util.function.LongConsumer unreadable) {
        List<Entry> entries = new ArrayList<>();
        try (KeyValueIterator<Long, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> kv = it.next();
                Entry entry = decode(kv.key, kv.value);
                if (entry == null) {
                    unreadable.accept(kv.key);
                } else {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    private static Entry decode(long offset, byte[] bytes) {
        if (bytes == null || bytes.length < Long.BYTES + Integer.BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long timestamp = buffer.getLong();
        int keyLength = buffer.getInt();
        if (keyLength > buffer.remaining()) {
            return null;
        }
        String key = null;
        if (keyLength >= 0) {
            byte[] keyBytes = new byte[keyLength];
            buffer.get(keyBytes);
            key = new String(keyBytes, StandardCharsets.UTF_8);
        }
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new Entry(offset, key, timestamp, value);
    }
}
