package io.vjepastream.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encoder tokens of each stream's recent frames, so that a frame shared by consecutive pairs of a
 * stream is encoded once rather than once per pair; used by
 * {@link JepaInference#score(java.util.List, FrameEncodings)}.
 *
 * <p>Keyed by stream id and the frame's presentation time. Each entry keeps a copy of the frame's
 * bytes and is only used for a frame with equal bytes, so a timestamp reused by a restarted or
 * looping source can never yield the tokens of another frame. An entry holds up to one token set per
 * encoder (the online and the target encoder: {@code vjepa2} models need both for a frame that is
 * first a target, then context), each filled on the first miss.
 *
 * <p>Bounded: the {@code framesPerStream} most recently used frames of each of the {@code maxStreams}
 * most recently used streams. Tokens depend on the weights, so the cache belongs to one model at a
 * time: the first scoring call with another {@link JepaInference} (a swapped-in checkpoint) empties
 * it. Thread-safe.
 */
public final class FrameEncodings {
    /**
     * Frames kept per stream by default: ingest's default pairing reuses a frame up to four sampled frames
     * later (context n-4 and n-2, target n), so five would do; eight leaves room for other strides.
     */
    public static final int DEFAULT_FRAMES_PER_STREAM = 8;
    /**
     * Streams whose frames are kept at once, least recently scored first out. A frame costs its bytes
     * plus up to two token sets (64 x 64 RGB and 64 tokens of 192 floats: about 110 KB), so the default
     * bounds hold about 56 MB; more streams than this still score correctly, only without reuse.
     */
    public static final int DEFAULT_MAX_STREAMS = 64;
    /** Token slot of the online encoder. */
    static final int ONLINE = 0;
    /** Token slot of the target encoder. */
    static final int TARGET = 1;

    private final int framesPerStream;
    private final int maxStreams;
    private final LinkedHashMap<String, LinkedHashMap<Long, Entry>> streams;
    private long model = -1;
    private long hits;
    private long misses;

    /** A cache with the default bounds. */
    public FrameEncodings() {
        this(DEFAULT_FRAMES_PER_STREAM, DEFAULT_MAX_STREAMS);
    }

    /**
     * @param framesPerStream frames kept per stream, at least 1
     * @param maxStreams streams kept, at least 1
     * @throws IllegalArgumentException for a bound below 1
     */
    public FrameEncodings(int framesPerStream, int maxStreams) {
        if (framesPerStream < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("frame encoding cache bounds framesPerStream=" + framesPerStream
                    + ", maxStreams=" + maxStreams + " must both be at least 1");
        }
        this.framesPerStream = framesPerStream;
        this.maxStreams = maxStreams;
        this.streams = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<Long, Entry>> eldest) {
                return size() > FrameEncodings.this.maxStreams;
            }
        };
    }

    /** Forgets every frame (the hit and miss counts stay). */
    public synchronized void clear() {
        streams.clear();
    }

    /** @return the frames held, over all streams */
    public synchronized int size() {
        int n = 0;
        for (Map<Long, Entry> frames : streams.values()) {
            n += frames.size();
        }
        return n;
    }

    /** @return token lookups answered from the cache since it was made */
    public synchronized long hits() {
        return hits;
    }

    /** @return token lookups that had to run an encoder since the cache was made */
    public synchronized long misses() {
        return misses;
    }

    public int framesPerStream() {
        return framesPerStream;
    }

    /** Empties the cache when {@code modelId} is not the model whose tokens it holds, and remembers it. */
    synchronized void bindTo(long modelId) {
        if (model != modelId) {
            streams.clear();
            model = modelId;
        }
    }

    /**
     * @return the tokens of encoder {@code slot} for the frame, or null when they are not held (counted
     *     as a miss) or the held frame's bytes differ
     */
    synchronized float[] get(String streamId, long ptsMicros, byte[] frame, int slot) {
        Map<Long, Entry> frames = streams.get(streamId);
        Entry entry = frames == null ? null : frames.get(ptsMicros);
        float[] tokens = entry != null && Arrays.equals(entry.frame, frame) ? entry.tokens[slot] : null;
        if (tokens == null) {
            misses++;
        } else {
            hits++;
        }
        return tokens;
    }

    /** Keeps the tokens of encoder {@code slot} for the frame; a held frame with other bytes is replaced. */
    synchronized void put(String streamId, long ptsMicros, byte[] frame, int slot, float[] tokens) {
        LinkedHashMap<Long, Entry> frames = streams.computeIfAbsent(streamId, id -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > framesPerStream;
            }
        });
        Entry entry = frames.get(ptsMicros);
        if (entry == null || !Arrays.equals(entry.frame, frame)) {
            entry = new Entry(frame.clone());
            frames.put(ptsMicros, entry);
        }
        entry.tokens[slot] = tokens;
    }

    /** One frame: its bytes, to tell it from another frame with the same timestamp, and its tokens per encoder. */
    private static final class Entry {
        final byte[] frame;
        final float[][] tokens = new float[2][];

        Entry(byte[] frame) {
            this.frame = frame;
        }
    }
}
