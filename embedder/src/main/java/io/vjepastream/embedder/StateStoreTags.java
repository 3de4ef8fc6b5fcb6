package io.vjepastream.embedder;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * One set of tag keys for Kafka Streams' state store meters. Streams tags a store's meters with
 * {@code in-memory.state.id} or {@code rocksdb.state.id} by the store's kind, but names them alike, and
 * Prometheus refuses a second meter of one name with other tag keys: the embedder, which has stores of both
 * kinds, lost the second kind's meters with a warning. Here both become {@code state.id} with a
 * {@code store.type} ({@code in-memory}, {@code rocksdb}).
 */
final class StateStoreTags implements MeterFilter {
    private static final String SUFFIX = ".state.id";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("kafka.stream.state.")) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            String key = tag.getKey();
            if (key.endsWith(SUFFIX) && !key.equals("state.id")) {
                tags.add(Tag.of("state.id", tag.getValue()));
                tags.add(Tag.of("store.type", key.substring(0, key.length() - SUFFIX.length())));
                changed = true;
            } else {
                tags.add(tag);
            }
        }
        return changed ? id.replaceTags(tags) : id;
    }
}
