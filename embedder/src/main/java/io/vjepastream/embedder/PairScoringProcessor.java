package io.vjepastream.embedder;

import io.vjepastream.model.StreamPair;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores frame pairs in micro-batches: decodes and checks each pair as it arrives, buffers it, and
 * answers it once its batch has been scored, forwarding a latent state and an anomaly energy stamped
 * with the version of the model that scored it (see {@link PairAnswerer}).
 *
 * <p>Batching: the pairs of every task of a stream thread wait in one {@link BatchScorer} queue. The
 * queue is scored in one model call as soon as it holds {@link EmbedderConfig#batchMaxPairs()} pairs,
 * or, from a wall-clock punctuator, once its oldest pair has waited {@link EmbedderConfig#batchLinger()}
 * and no more pairs are streaming in (at most four lingers while they are; see {@link BatchScorer.Queue#due}).
 * Under light load a pair waits at most the linger; under heavy load pairs pile up while a batch is
 * scored and the next batch is full, so throughput grows with load. Each task answers its own pairs, in
 * arrival order, in its own process or punctuate call.
 *
 * <p>Exactly once: a buffered pair is also kept in the {@link #PENDING_STORE} store until answered; see
 * {@link PendingPairStore} for why this is needed and how a restarted task answers what it had buffered.
 * Answers become visible to read_committed consumers when their transaction commits, so under
 * exactly-once the processor asks for a commit after each call that answered pairs (at most one per
 * scored batch) rather than leaving them to wait for the commit interval.
 *
 * <p>Values arrive as raw bytes so that a record that cannot be read reaches this processor instead of
 * stopping the stream thread. Undecodable records, frames that cannot be turned into pixels and pairs
 * the model rejects are forwarded unchanged to the dead-letter sink with a one-line reason. Any other
 * failure is not the record's fault and propagates, so Kafka Streams stops rather than dropping data.
 */
public final class PairScoringProcessor implements Processor<String, byte[], String, byte[]> {
    /** The persistent, changelogged store of each stream's {@link EnergyStatistics}. */
    public static final String STATS_STORE = "energy-stats";
    /** The changelogged store of pairs accepted but not yet answered, keyed by input offset. */
    public static final String PENDING_STORE = "pending-pairs";
    /** The changelogged store of each stream's latest AnomalyEnergy (encoded), for interactive queries. */
    public static final String LATEST_ENERGY_STORE = "latest-energy";
    /** The changelogged store of each stream's latest LatentState (encoded), for interactive queries. */
    public static final String LATEST_LATENT_STORE = "latest-latent";
    /** Value of {@link Topics#DLQ_SERVICE_HEADER} on records this service dead-letters. */
    public static final String SERVICE_NAME = "embedder";
    private static final Logger LOG = LoggerFactory.getLogger(PairScoringProcessor.class);
    private static final int MAX_REASON_LENGTH = 500;

    private final EmbedderConfig config;
    private final ModelRegistry registry;
    private final EmbedderMetrics metrics;
    private final BatchScorer scorer;
    private final AvroSerde<FramePair> pairs = Serdes.framePair();
    private final Deque<PendingPair> unanswered = new ArrayDeque<>();
    private ProcessorContext<String, byte[]> context;
    private PendingPairStore pendingStore;
    private PairAnswerer answerer;
    private List<PendingPairStore.Entry> restored = List.of();
    private Cancellable punctuator;
    private final boolean commitOnAnswer;
    private final AnswerListener listener;

    /** A processor scoring each pair on its own with {@code registry}'s model; batching needs a {@link BatchScorer}. */
    public PairScoringProcessor(EmbedderConfig config, ModelRegistry registry, EmbedderMetrics metrics) {
        this(config, registry, metrics, new BatchScorer(registry, metrics, config.batchMaxPairs(), null, config.scoring()),
                AnswerListener.NONE);
    }

    PairScoringProcessor(EmbedderConfig config, ModelRegistry registry, EmbedderMetrics metrics, BatchScorer scorer,
                         AnswerListener listener) {
        this.listener = listener;
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        this.scorer = scorer;
        this.commitOnAnswer = StreamsConfig.EXACTLY_ONCE_V2.equals(config.processingGuarantee());
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.pendingStore = new PendingPairStore(context.getStateStore(PENDING_STORE));
        this.answerer = new PairAnswerer(config, metrics, context, listener);
        // Forwarding is not allowed in init: what a previous run left unanswered is taken up on the first call.
        this.restored = pendingStore.all(offset -> {
            LOG.warn("dropping unreadable entry at offset {} of {}", offset, PENDING_STORE);
            pendingStore.delete(offset);
        });
        if (!restored.isEmpty()) {
            LOG.info("task {} restored {} pair(s) accepted but not answered before a restart", context.taskId(),
                    restored.size());
        }
        Duration interval = Duration.ofMillis(Math.max(1, config.batchLinger().toMillis()));
        punctuator = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        takeUpRestored();
        if (record.value() == null) {
            deadLetter(record, "record has no value");
            return;
        }
        long offset = context.recordMetadata().map(RecordMetadata::offset)
                .orElseThrow(() -> new IllegalStateException("no offset for a record of " + Topics.FRAME_PAIRS));
        if (accept(offset, record.key(), record.timestamp(), record.value(), record.headers())) {
            pendingStore.put(offset, record.key(), record.timestamp(), record.value());
            BatchScorer.Queue queue = scorer.forCurrentThread();
            if (queue.size() >= config.batchMaxPairs() || config.batchLinger().isZero()) {
                queue.scoreAll();
            }
        }
        answerReady();
    }

    private void punctuate(long now) {
        takeUpRestored();
        BatchScorer.Queue queue = scorer.forCurrentThread();
        if (queue.due(now, config.batchLinger().toMillis())) {
            queue.scoreAll();
        }
        answerReady();
    }

    /** Decodes and checks a record; queues it and returns true, or dead-letters it and returns false. */
    private boolean accept(long offset, String key, long timestamp, byte[] value, Headers headers) {
        FramePair pair;
        try {
            pair = pairs.decode(value);
        } catch (RuntimeException e) {
            deadLetter(new Record<>(key, value, timestamp, headers), reason(e));
            return false;
        }
        StreamPair input;
        try {
            // Depends on the record's content and the serving model's input size only.
            input = PairSamples.input(pair, registry.use(lease -> lease.inference().config()));
        } catch (IllegalArgumentException e) {
            deadLetter(new Record<>(key, value, timestamp, headers), reason(e));
            return false;
        }
        PendingPair pending = new PendingPair(this, offset, key, timestamp, value, pair, input,
                context.currentSystemTimeMs());
        unanswered.add(pending);
        scorer.forCurrentThread().add(pending);
        return true;
    }

    private void takeUpRestored() {
        if (restored.isEmpty()) {
            return;
        }
        List<PendingPairStore.Entry> entries = restored;
        restored = List.of();
        for (PendingPairStore.Entry entry : entries) {
            if (!accept(entry.offset(), entry.key(), entry.timestamp(), entry.value(), new RecordHeaders())) {
                pendingStore.delete(entry.offset());
            }
        }
    }

    /** Answers this task's pairs whose batch has been scored, in arrival order. */
    private void answerReady() {
        boolean answered = false;
        while (!unanswered.isEmpty() && unanswered.peekFirst().isDone()) {
            PendingPair pending = unanswered.pollFirst();
            if (pending.failure() != null) {
                deadLetter(new Record<>(pending.key(), pending.value(), pending.timestamp()), pending.failure());
            } else {
                answerer.answer(pending.pair(), pending.scored(), pending.version(), pending.timestamp());
            }
            pendingStore.delete(pending.offset());
            answered = true;
        }
        if (answered && commitOnAnswer) {
            // Under exactly-once, read_committed consumers see answers only once their transaction commits:
            // commit after each scored batch instead of waiting out the commit interval.
            context.commit();
        }
    }

    /**
     * Stops the punctuator and forgets the buffered pairs; they stay in the pending store, which the
     * commit that precedes a close has written, and the task's next owner answers them.
     */
    @Override
    public void close() {
        if (punctuator != null) {
            punctuator.cancel();
        }
        scorer.forCurrentThread().removeAll(this);
        if (!unanswered.isEmpty()) {
            LOG.info("task {} closes with {} pair(s) buffered; they are answered after the task restarts",
                    context.taskId(), unanswered.size());
        }
        unanswered.clear();
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void deadLetter(Record<String, byte[]> record, String why) {
        String reason = oneLine(why);
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(Topics.DLQ_REASON_HEADER);
        headers.remove(Topics.DLQ_SERVICE_HEADER);
        headers.add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_SERVICE_HEADER, SERVICE_NAME.getBytes(StandardCharsets.UTF_8));
        context.forward(record.withHeaders(headers), EmbedderTopology.DLQ_SINK);
        metrics.deadLettered();
        LOG.warn("dead-lettered a record of {} with key {}: {}", Topics.FRAME_PAIRS, record.key(), reason);
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_REASON_LENGTH ? flat : flat.substring(0, MAX_REASON_LENGTH - 3) + "...";
    }
}
