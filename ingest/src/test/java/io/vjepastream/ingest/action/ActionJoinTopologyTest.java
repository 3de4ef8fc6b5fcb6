package io.vjepastream.ingest.action;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.Action;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class ActionJoinTopologyTest {
    private static final String IN = "vjepa.frame-pairs.unjoined";
    private static final long CAPTURE_BASE = 1_700_000_000_000_000L;

    /** Pairs of stride 1 with one context frame: pair n has context frame n (t = n * 100 ms) and target n + 1. */
    private static List<FramePair> pairs(String streamId, int count) {
        PairAssembler assembler = new PairAssembler(streamId, "synthetic:", 8, 4, 1, 1);
        List<FramePair> out = new ArrayList<>();
        for (int n = 0; out.size() < count; n++) {
            FramePair pair = assembler.accept(new DecodedFrame(n * 100_000L, CAPTURE_BASE + n * 100_000L, 8, 8,
                    new byte[8 * 8 * 3]));
            if (pair != null) {
                out.add(pair);
            }
        }
        return out;
    }

    private static Action action(String streamId, long ptsMicros, float... values) {
        List<Float> list = new ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return Action.newBuilder().setStreamId(streamId).setPtsMicros(ptsMicros).setValues(list).build();
    }

    private static final class Harness implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, byte[]> pairsIn;
        final TestInputTopic<String, byte[]> actionsIn;
        final TestOutputTopic<String, byte[]> out;

        Harness(Topology topology) {
            Properties props = ActionJoinTopology.properties("action-join-test", "unused:9092");
            driver = new TopologyTestDriver(topology, props);
            pairsIn = driver.createInputTopic(IN, new StringSerializer(), new ByteArraySerializer());
            actionsIn = driver.createInputTopic(Topics.ACTIONS, new StringSerializer(), new ByteArraySerializer());
            out = driver.createOutputTopic(Topics.FRAME_PAIRS, new StringDeserializer(), new ByteArrayDeserializer());
        }

        void action(Action a) {
            actionsIn.pipeInput(a.getStreamId(), Serdes.action().encode(a));
        }

        FramePair join(FramePair pair) {
            pairsIn.pipeInput(pair.getStreamId(), Serdes.framePair().encode(pair));
            KeyValue<String, byte[]> record = out.readKeyValue();
            assertEquals(pair.getStreamId(), record.key);
            return Serdes.framePair().decode(record.value);
        }

        List<Long> storedTimes(String streamId) {
            KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(ActionJoinTopology.ACTIONS_STORE);
            List<Long> times = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = store.range(ActionKeys.key(streamId, Long.MIN_VALUE),
                    ActionKeys.key(streamId, Long.MAX_VALUE))) {
                it.forEachRemaining(kv -> times.add(ActionKeys.micros(kv.key)));
            }
            return times;
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    @Test
    void eachPairGetsTheLatestActionAtOrBeforeItsNewestContextFrame() {
        List<FramePair> cam = pairs("cam", 5);
        try (Harness h = new Harness(ActionJoinTopology.build(IN, Topics.FRAME_PAIRS))) {
            h.action(action("cam", 100_000L, 1f, 0f));
            h.action(action("cam", 250_000L, 2f, 0.5f));
            h.action(action("other", 0L, 9f, 9f));
            assertNull(h.join(cam.get(0)).getAction(), "t = 0 is before the first action");
            assertEquals(List.of(1f, 0f), h.join(cam.get(1)).getAction(), "t = 100 ms: the action at exactly t");
            assertEquals(List.of(1f, 0f), h.join(cam.get(2)).getAction(), "t = 200 ms: held from 100 ms");
            assertEquals(List.of(2f, 0.5f), h.join(cam.get(3)).getAction(), "t = 300 ms: the one from 250 ms");
            FramePair joined = h.join(cam.get(4));
            assertEquals(List.of(2f, 0.5f), joined.getAction());
            // Apart from the action the pair is unchanged.
            FramePair expected = FramePair.newBuilder(cam.get(4)).setAction(List.of(2f, 0.5f)).build();
            assertEquals(expected, joined);
            assertEquals(List.of(250_000L), h.storedTimes("cam"), "actions older than the one used are gone");
            assertEquals(List.of(0L), h.storedTimes("other"), "other streams are untouched");
        }
    }

    @Test
    void streamsWithoutActionsAndUndecodableRecordsPassThrough() {
        try (Harness h = new Harness(ActionJoinTopology.build(IN, Topics.FRAME_PAIRS))) {
            h.actionsIn.pipeInput("cam", new byte[] {1, 2, 3});
            FramePair pair = pairs("wrist", 1).get(0);
            byte[] bytes = Serdes.framePair().encode(pair);
            h.pairsIn.pipeInput("wrist", bytes);
            assertArrayEquals(bytes, h.out.readValue(), "no action: the pair is passed on byte for byte");
            byte[] garbage = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
            h.pairsIn.pipeInput("wrist", garbage);
            assertArrayEquals(garbage, h.out.readValue(), "not a pair: passed on for the dead-letter handling");
            assertTrue(h.out.isEmpty());
            assertEquals(List.of(), h.storedTimes("cam"), "the undecodable action was skipped");
        }
    }

    @Test
    void captureTimeClockComparesWithTheWallClockAndRetentionBoundsTheStore() {
        Topology topology = ActionJoinTopology.build(IN, Topics.ACTIONS, Topics.FRAME_PAIRS, ActionClock.CAPTURE_TIME,
                Duration.ofSeconds(1));
        List<FramePair> cam = pairs("cam", 3);
        try (Harness h = new Harness(topology)) {
            h.action(action("cam", 100_000L, 5f));
            h.action(action("cam", CAPTURE_BASE + 150_000L, 7f));
            assertEquals(List.of(CAPTURE_BASE + 150_000L), h.storedTimes("cam"),
                    "the action at 0.1 s is far more than 1 s behind the newest");
            assertNull(h.join(cam.get(1)).getAction(), "capture time base + 100 ms is before base + 150 ms");
            assertEquals(List.of(7f), h.join(cam.get(2)).getAction());
        }
    }

    @Test
    void refusesToWriteIntoItsOwnInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActionJoinTopology.build(IN, IN));
        assertTrue(e.getMessage().contains("is also its input"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ActionJoinTopology.build(IN, Topics.ACTIONS,
                Topics.FRAME_PAIRS, ActionClock.FRAME_PTS, Duration.ZERO));
    }

    @Test
    void actionsSurviveTheirSerde() {
        Action a = action("cam", -5L, 0.25f, -1f, 3f);
        assertEquals(a, Serdes.action().decode(Serdes.action().encode(a)));
        assertEquals(Action.class, Serdes.action().type());
    }
}
