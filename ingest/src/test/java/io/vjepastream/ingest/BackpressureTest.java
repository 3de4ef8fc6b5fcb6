package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.pair.MaskGenerator;
import io.vjepastream.ingest.pair.MaskSettings;
import io.vjepastream.ingest.sink.PairSink;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.time.CaptureClock;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sink that stalls: a live source drops the oldest queued pairs (counted) and keeps the newest; a
 * finite source waits and loses nothing.
 */
@Timeout(60)
class BackpressureTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 60 frames at 20 fps; stride 1 and two context frames make 58 pairs. */
    private static final String CLIP = "synthetic:?seconds=3&fps=20";
    /** Tube masks, whose content depends on their seed (temporal masks are all alike). */
    private static final IngestConfig CONFIG = IngestConfig.builder().sampleFps(20).strideFrames(1)
            .queueCapacity(4).masks(new MaskSettings(MaskStrategy.TUBE, 0.75, 7)).build();

    @Test
    void liveSourceDropsTheOldestAndKeepsTheNewest() throws Exception {
        StalledSink sink = new StalledSink();
        SourceOpener live = (spec, config, clock) ->
                new LiveView(SourceOpener.standard().open(spec, config, clock), sink.entered);
        try (IngestService service = new IngestService(CONFIG, List.of(SourceSpec.parse("cam=" + CLIP)), sink,
                CaptureClock.system(), live)) {
            service.start();
            // The decoder runs on while the sink is stuck on its first pair, until the clip is over.
            // Every pair but the one stuck in the sink is queued or dropped.
            await(() -> service.metrics().get("cam").pairsDropped() + service.metrics().get("cam").queued() == 57);
            assertEquals(4, service.metrics().get("cam").queued());
            sink.release();
            // A live stream is not waited for by awaitCompletion; this one ends when the clip does.
            await(() -> service.metrics().get("cam").state().terminal());
            StreamStats stats = service.metrics().get("cam");
            assertEquals(StreamState.COMPLETED, stats.state());
            assertEquals(5, stats.pairsSent(), "the pair in the stalled send plus a full queue");
            assertEquals(58 - 5, stats.pairsDropped(), "every other pair was dropped and counted");
            List<FramePair> pairs = sink.pairs();
            assertEquals(5, pairs.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(i, pairs.get(i).getSequence(), "sequence stays gapless over drops");
                assertEquals(MaskGenerator.pairSeed(7, "cam", i), pairs.get(i).getMask().getSeed(),
                        "the mask is seeded by the pair's own sequence");
            }
            assertEquals(2 * 50_000L, pairs.get(0).getTarget().get(0).getPtsMicros(), "the first pair was in the sink");
            // The four queued pairs are the newest: their targets are the clip's last frames, 56 to 59.
            for (int i = 1; i < 5; i++) {
                assertEquals((55 + i) * 50_000L, pairs.get(i).getTarget().get(0).getPtsMicros(), "pair " + i);
            }
        }
    }

    @Test
    void finiteSourceWaitsAndLosesNothing() throws Exception {
        StalledSink sink = new StalledSink();
        try (IngestService service = new IngestService(CONFIG, List.of(SourceSpec.parse("file=" + CLIP)), sink)) {
            service.start();
            await(() -> service.metrics().get("file").queued() == 4);
            long decodedWhileStalled = service.metrics().get("file").framesDecoded();
            assertTrue(decodedWhileStalled < 60, "the decoder waits for room: " + decodedWhileStalled);
            sink.release();
            assertTrue(service.awaitCompletion(WAIT));
            StreamStats stats = service.metrics().get("file");
            assertEquals(StreamState.COMPLETED, stats.state());
            assertEquals(0, stats.pairsDropped());
            assertEquals(58, stats.pairsSent());
            List<FramePair> pairs = sink.pairs();
            for (int i = 0; i < pairs.size(); i++) {
                assertEquals(i, pairs.get(i).getSequence());
                assertEquals((i + 2) * 50_000L, pairs.get(i).getTarget().get(0).getPtsMicros(), "nothing skipped");
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in " + WAIT);
            }
            Thread.sleep(5);
        }
    }

    /** Blocks every send until released, as a broker that stopped answering would. */
    private static final class StalledSink implements PairSink {
        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch entered = new CountDownLatch(1);
        private final List<FramePair> pairs = new ArrayList<>();

        void release() {
            released.countDown();
        }

        @Override
        public void send(FramePair pair) {
            entered.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stalled", e);
            }
            synchronized (pairs) {
                pairs.add(pair);
            }
        }

        List<FramePair> pairs() {
            synchronized (pairs) {
                return List.copyOf(pairs);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            released.countDown();
        }
    }

    /**
     * A finite clip presented as a live source, so that the drop-oldest policy applies. After the
     * frames of the first pair it waits until that pair is in the sink, so the test knows which pair
     * the stalled send holds.
     */
    private static final class LiveView implements VideoSource {
        private final VideoSource inner;
        private final CountDownLatch firstPairSent;
        private int served;

        LiveView(VideoSource inner, CountDownLatch firstPairSent) {
            this.inner = inner;
            this.firstPairSent = firstPairSent;
        }

        @Override
        public SourceSpec spec() {
            return inner.spec();
        }

        @Override
        public boolean finite() {
            return false;
        }

        @Override
        public DecodedFrame next() {
            if (served++ == 3) {
                try {
                    firstPairSent.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return inner.next();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
