package io.vjepastream.ingest.action;

import io.vjepastream.records.Action;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.Serdes;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets each pair's {@code action} to the stream's latest action at or before time {@code t}, the
 * newest context frame (the command in force when the interval from {@code t} to {@code t+k} starts).
 * A pair with no such action keeps the action it had (normally none). Actions older than the one used
 * are deleted: pairs of a stream come in time order, so no later pair needs them. A record that is not
 * a pair is passed on untouched, for the consumers' dead-letter handling.
 */
final class PairActionJoiner implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(PairActionJoiner.class);

    private final ActionClock clock;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;

    PairActionJoiner(ActionClock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(ActionJoinTopology.ACTIONS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        FramePair pair;
        try {
            pair = Serdes.framePair().decode(record.value());
        } catch (RuntimeException e) {
            LOG.warn("passing on an undecodable pair keyed {} unchanged: {}", record.key(), e.toString());
            context.forward(record);
            return;
        }
        List<Frame> contextFrames = pair.getContext();
        if (contextFrames.isEmpty()) {
            context.forward(record);
            return;
        }
        Frame newest = contextFrames.get(contextFrames.size() - 1);
        long t = clock == ActionClock.FRAME_PTS ? newest.getPtsMicros() : newest.getCaptureTimeMicros();
        String streamId = pair.getStreamId();
        KeyValue<Bytes, byte[]> latest = latestAtOrBefore(streamId, t);
        if (latest == null) {
            context.forward(record);
            return;
        }
        Action action = Serdes.action().decode(latest.value);
        pair.setAction(List.copyOf(action.getValues()));
        dropOlderThan(streamId, ActionKeys.micros(latest.key));
        context.forward(record.withValue(Serdes.framePair().encode(pair)));
    }

    private KeyValue<Bytes, byte[]> latestAtOrBefore(String streamId, long t) {
        try (KeyValueIterator<Bytes, byte[]> it = store.reverseRange(ActionKeys.key(streamId, Long.MIN_VALUE),
                ActionKeys.key(streamId, t))) {
            return it.hasNext() ? it.next() : null;
        }
    }

    private void dropOlderThan(String streamId, long micros) {
        if (micros == Long.MIN_VALUE) {
            return;
        }
        try (KeyValueIterator<Bytes, byte[]> old = store.range(ActionKeys.key(streamId, Long.MIN_VALUE),
                ActionKeys.key(streamId, micros - 1))) {
            while (old.hasNext()) {
                store.delete(old.next().key);
            }
        }
    }
}
