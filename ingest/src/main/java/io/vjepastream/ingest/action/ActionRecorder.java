package io.vjepastream.ingest.action;

import io.vjepastream.records.Action;
import io.vjepastream.schemas.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each stream's recent actions in the time-ordered store the join reads. Actions more than the
 * retention older than a stream's newest action are deleted, so a stream whose camera is down does not
 * grow the store without end. An action that cannot be decoded is logged and skipped.
 */
final class ActionRecorder implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRecorder.class);

    private final long retentionMicros;
    private KeyValueStore<Bytes, byte[]> store;
    private long skipped;

    ActionRecorder(long retentionMicros) {
        this.retentionMicros = retentionMicros;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(ActionJoinTopology.ACTIONS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Action action;
        try {
            action = Serdes.action().decode(record.value());
        } catch (RuntimeException e) {
            skipped++;
            if (skipped <= 10 || skipped % 1000 == 0) {
                LOG.warn("skipping an undecodable action keyed {} ({} so far): {}", record.key(), skipped,
                        e.toString());
            }
            return;
        }
        String streamId = action.getStreamId();
        store.put(ActionKeys.key(streamId, action.getPtsMicros()), record.value());
        long horizon = action.getPtsMicros() - retentionMicros;
        if (horizon > Long.MIN_VALUE) {
            try (KeyValueIterator<Bytes, byte[]> old = store.range(ActionKeys.key(streamId, Long.MIN_VALUE),
                    ActionKeys.key(streamId, horizon - 1))) {
                while (old.hasNext()) {
                    store.delete(old.next().key);
                }
            }
        }
    }
}
