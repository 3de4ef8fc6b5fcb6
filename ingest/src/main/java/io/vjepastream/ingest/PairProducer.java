package io.vjepastream.ingest;

import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.queue.HandoffQueue;
import io.vjepastream.ingest.sink.PairSink;
import io.vjepastream.ingest.time.MonotonicClock;
import io.vjepastream.ingest.time.RateMeter;
import io.vjepastream.records.FramePair;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of a stream, on a thread of its own: takes cut pairs from the stream's queue, numbers
 * them as they leave it (so sequence numbers, and the masks seeded by them, stay gapless whatever the
 * queue dropped) and hands them to the sink. A pair the sink refuses is counted and reported; the next one is still sent.
 */
final class PairProducer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamWorker.class);
    /** How long a stopped stream waits for the pair being sent. */
    private static final long STOP_WAIT_MILLIS = 2_000L;

    private final String streamId;
    private final HandoffQueue<PairAssembler.Unnumbered> queue;
    private final PairAssembler numbering;
    private final PairSink sink;
    private final BooleanSupplier stopRequested;
    private final Consumer<String> onRefusal;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final RateMeter rate;
    private final Thread thread;
    private long nextSequence;

    /**
     * @param numbering the assembler that cut the queued pairs
     * @param stopRequested whether the stream was asked to stop: then nothing more is sent
     * @param onRefusal told why the sink refused a pair, for the stream's last error
     */
    PairProducer(String streamId, HandoffQueue<PairAssembler.Unnumbered> queue, PairAssembler numbering,
                 PairSink sink, MonotonicClock clock, BooleanSupplier stopRequested, Consumer<String> onRefusal) {
        this.streamId = streamId;
        this.queue = queue;
        this.numbering = numbering;
        this.sink = sink;
        this.stopRequested = stopRequested;
        this.onRefusal = onRefusal;
        this.rate = new RateMeter(clock, 5);
        this.thread = new Thread(this::run, "vjepa-produce-" + streamId);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Pairs the sink took. */
    long sent() {
        return sent.get();
    }

    /** Pairs the sink refused. */
    long refused() {
        return refused.get();
    }

    /** Pairs sent per second, recently. */
    double perSecond() {
        return rate.perSecond();
    }

    private void run() {
        try {
            while (!stopRequested.getAsBoolean()) {
                PairAssembler.Unnumbered cut = queue.poll(100, TimeUnit.MILLISECONDS);
                if (cut == null) {
                    if (queue.finished()) {
                        return;
                    }
                    continue;
                }
                send(numbering.number(cut, nextSequence++));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the queue, lets this thread send what is queued, then waits for it to end. After a stop it
     * only waits for the send in progress, so that nothing reaches the sink once the service closes it.
     */
    void drain() {
        queue.close();
        boolean interrupted = Thread.interrupted();
        try {
            while (thread.isAlive()) {
                try {
                    boolean stopping = stopRequested.getAsBoolean();
                    thread.join(stopping ? STOP_WAIT_MILLIS : 0);
                    if (stopping) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void send(FramePair pair) {
        try {
            sink.send(pair);
            sent.incrementAndGet();
            rate.mark();
        } catch (RuntimeException e) {
            if (stopRequested.getAsBoolean()) {
                // The sink closes under a stopped stream's last send: a stop, not a refusal. The stream says STOPPED.
                LOG.debug("stream {}: pair {} not sent, the stream was stopped: {}", streamId, pair.getSequence(),
                        e.toString());
                return;
            }
            long n = refused.incrementAndGet();
            onRefusal.accept("sink refused pair " + pair.getSequence() + ": " + e);
            if (n <= 10 || n % 1000 == 0) {
                LOG.error("stream {}: sink refused pair {} ({} errors so far): {}", streamId, pair.getSequence(),
                        n, e.toString());
            }
        }
    }
}
