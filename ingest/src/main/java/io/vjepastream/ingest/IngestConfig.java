package io.vjepastream.ingest;

import io.vjepastream.ingest.encode.EncodingSettings;
import io.vjepastream.ingest.encode.PairSizeBudget;
import io.vjepastream.ingest.pair.MaskGenerator;
import io.vjepastream.ingest.pair.MaskSettings;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.FfmpegDecoding;
import io.vjepastream.ingest.source.ReconnectPolicy;
import io.vjepastream.runtime.client.ClientProperties;
import io.vjepastream.runtime.client.Redaction;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Immutable settings of the ingest pipeline: the model resolution frames are scaled to, how frames
 * are sampled and how pairs are cut from them. Every value is checked when {@link Builder#build()}
 * runs, so a config that exists is valid.
 *
 * <p>Defaults: {@code imageSize 64, patchSize 8, sampleFps 10, strideFrames 2, contextFrames 2,
 * realtime false, openTimeout 10 s, queueCapacity 32, decodeThreads 0 (FFmpeg chooses), reconnect}
 * {@link ReconnectPolicy#defaults()}, TEMPORAL masks ({@link MaskSettings#defaults()}) and RAW RGB24
 * frames within a 16 MiB message ({@link EncodingSettings#defaults()}).
 */
public final class IngestConfig {
    private final int imageSize;
    private final int patchSize;
    private final double sampleFps;
    private final int strideFrames;
    private final int contextFrames;
    private final boolean realtime;
    private final Duration openTimeout;
    private final int queueCapacity;
    private final ReconnectPolicy reconnect;
    private final MaskSettings masks;
    private final EncodingSettings encoding;
    private final Map<String, String> kafkaProperties;
    private final int decodeThreads;

    private IngestConfig(Builder b) {
        this.imageSize = b.imageSize;
        this.patchSize = b.patchSize;
        this.sampleFps = b.sampleFps;
        this.strideFrames = b.strideFrames;
        this.contextFrames = b.contextFrames;
        this.realtime = b.realtime;
        this.openTimeout = b.openTimeout;
        this.queueCapacity = b.queueCapacity;
        this.reconnect = b.reconnect;
        this.masks = b.masks;
        this.encoding = b.encoding;
        this.kafkaProperties = Collections.unmodifiableMap(new TreeMap<>(b.kafkaProperties));
        this.decodeThreads = b.decodeThreads;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration. */
    public static IngestConfig defaults() {
        return builder().build();
    }

    /** A builder initialised with this config's values. */
    public Builder toBuilder() {
        return builder().imageSize(imageSize).patchSize(patchSize).sampleFps(sampleFps)
                .strideFrames(strideFrames).contextFrames(contextFrames).realtime(realtime)
                .openTimeout(openTimeout).queueCapacity(queueCapacity).reconnect(reconnect)
                .masks(masks).encoding(encoding).kafkaProperties(kafkaProperties).decodeThreads(decodeThreads);
    }

    /** Width and height in pixels of every frame produced (frames are square). */
    public int imageSize() {
        return imageSize;
    }

    /** Side of a square token patch in pixels; divides {@link #imageSize()}. */
    public int patchSize() {
        return patchSize;
    }

    /** Patches per row and per column of a frame. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Bytes of one packed RGB24 frame. */
    public int frameBytes() {
        return imageSize * imageSize * 3;
    }

    /** Frames per second kept from each source; slower sources keep every frame. */
    public double sampleFps() {
        return sampleFps;
    }

    /** Sampled frames between consecutive frames of a pair (k). */
    public int strideFrames() {
        return strideFrames;
    }

    /** Context frames per pair; each pair also has one target frame. */
    public int contextFrames() {
        return contextFrames;
    }

    /** Whether file and synthetic sources are paced to their presentation time instead of read flat out. */
    public boolean realtime() {
        return realtime;
    }

    /**
     * FFmpeg decoder threads per stream; 0 lets FFmpeg choose. Default
     * {@link FfmpegDecoding#DEFAULT_THREADS}: one, the cheapest per frame when streams outnumber cores.
     */
    public int decodeThreads() {
        return decodeThreads;
    }

    /** How long opening or reading a network source may block before it fails. */
    public Duration openTimeout() {
        return openTimeout;
    }

    /** How each pair's context and target tokens are chosen. */
    public MaskSettings masks() {
        return masks;
    }

    /** Pixel format, image encoding and the message size pairs must fit in. */
    public EncodingSettings encoding() {
        return encoding;
    }

    /**
     * Pairs each stream may hold between decoding and producing. When the sink falls behind, a live
     * source drops the oldest (counted), a file source waits.
     */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** How live sources are reconnected after a drop. */
    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /**
     * Kafka client properties (security, timeouts) for the producer, see
     * {@link KafkaPairSink#producerConfig(String, Map)}; sorted by key, possibly holding secrets.
     */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IngestConfig c && imageSize == c.imageSize && patchSize == c.patchSize
                && Double.compare(sampleFps, c.sampleFps) == 0 && strideFrames == c.strideFrames
                && contextFrames == c.contextFrames && realtime == c.realtime && openTimeout.equals(c.openTimeout)
                && queueCapacity == c.queueCapacity && reconnect.equals(c.reconnect)
                && masks.equals(c.masks) && encoding.equals(c.encoding) && kafkaProperties.equals(c.kafkaProperties)
                && decodeThreads == c.decodeThreads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(imageSize, patchSize, sampleFps, strideFrames, contextFrames, realtime, openTimeout,
                queueCapacity, reconnect, masks,
                encoding, kafkaProperties, decodeThreads);
    }

    @Override
    public String toString() {
        return "IngestConfig{imageSize=" + imageSize + ", patchSize=" + patchSize + ", sampleFps=" + sampleFps
                + ", strideFrames=" + strideFrames + ", contextFrames=" + contextFrames + ", realtime=" + realtime
                + ", openTimeout=" + openTimeout + ", queueCapacity=" + queueCapacity + ", reconnect=" + reconnect
                + ", masks=" + masks + ", encoding=" + encoding + ", decodeThreads=" + decodeThreads
                + (kafkaProperties.isEmpty() ? "" : ", kafka=" + Redaction.toString(kafkaProperties)) + "}";
    }

    /** Collects values for an {@link IngestConfig}; {@link #build()} validates them together. */
    public static final class Builder {
        private int imageSize = 64;
        private int patchSize = 8;
        private double sampleFps = 10.0;
        private int strideFrames = 2;
        private int contextFrames = 2;
        private boolean realtime;
        private Duration openTimeout = Duration.ofSeconds(10);
        private int queueCapacity = 32;
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        private MaskSettings masks = MaskSettings.defaults();
        private EncodingSettings encoding = EncodingSettings.defaults();
        private final Map<String, String> kafkaProperties = new TreeMap<>();
        private int decodeThreads = FfmpegDecoding.DEFAULT_THREADS;

        private Builder() {
        }

        /** Frame width and height in pixels. */
        public Builder imageSize(int value) {
            this.imageSize = value;
            return this;
        }

        /** Token patch side in pixels. */
        public Builder patchSize(int value) {
            this.patchSize = value;
            return this;
        }

        /** Target sampling rate in frames per second. */
        public Builder sampleFps(double value) {
            this.sampleFps = value;
            return this;
        }

        /** Sampled frames between the frames of a pair. */
        public Builder strideFrames(int value) {
            this.strideFrames = value;
            return this;
        }

        /** Context frames per pair. */
        public Builder contextFrames(int value) {
            this.contextFrames = value;
            return this;
        }

        /** Pace file and synthetic sources by presentation time. */
        public Builder realtime(boolean value) {
            this.realtime = value;
            return this;
        }

        /** Time limit for opening or reading a network source. */
        public Builder openTimeout(Duration value) {
            this.openTimeout = value;
            return this;
        }

        /** Mask strategy, ratio and seed. */
        public Builder masks(MaskSettings value) {
            this.masks = value;
            return this;
        }

        /** Pixel format, encoding, JPEG quality and message limit. */
        public Builder encoding(EncodingSettings value) {
            this.encoding = value;
            return this;
        }

        /** FFmpeg decoder threads per stream; 0 lets FFmpeg choose. */
        public Builder decodeThreads(int value) {
            this.decodeThreads = value;
            return this;
        }

        /** Pairs held per stream between decoding and producing. */
        public Builder queueCapacity(int value) {
            this.queueCapacity = value;
            return this;
        }

        /** Backoff and attempt limit for reconnecting live sources. */
        public Builder reconnect(ReconnectPolicy value) {
            this.reconnect = value;
            return this;
        }

        /** One Kafka client property for the producer; see {@link IngestConfig#kafkaProperties()}. */
        public Builder kafkaProperty(String key, String value) {
            kafkaProperties.put(Objects.requireNonNull(key, "Kafka property key"),
                    Objects.requireNonNull(value, () -> "value of Kafka property " + key));
            return this;
        }

        /** Several Kafka client properties, as {@link #kafkaProperty(String, String)}. */
        public Builder kafkaProperties(Map<String, String> values) {
            values.forEach(this::kafkaProperty);
            return this;
        }

        /**
         * The validated config.
         *
         * @throws IllegalArgumentException naming the key, its value and what is allowed
         */
        public IngestConfig build() {
            require(imageSize > 0, "imageSize", imageSize, "a positive number of pixels");
            require(patchSize > 0, "patchSize", patchSize, "a positive number of pixels");
            require(imageSize % patchSize == 0, "imageSize", imageSize,
                    "a multiple of patchSize " + patchSize);
            require(Double.isFinite(sampleFps) && sampleFps > 0, "sampleFps", sampleFps,
                    "a positive, finite number of frames per second");
            require(strideFrames > 0, "strideFrames", strideFrames, "an integer >= 1");
            require(contextFrames > 0, "contextFrames", contextFrames, "an integer >= 1");
            require(openTimeout != null && !openTimeout.isNegative() && !openTimeout.isZero(), "openTimeout",
                    openTimeout, "a positive duration");
            require(queueCapacity > 0, "queueCapacity", queueCapacity, "an integer >= 1");
            require(decodeThreads >= 0, "decodeThreads", decodeThreads,
                    "0 (FFmpeg chooses) or a positive number of threads");
            require(reconnect != null, "reconnect", reconnect, "a reconnect policy");
            require(masks != null, "masks", masks, "mask settings");
            require(encoding != null, "encoding", encoding, "encoding settings");
            // Both throw naming the key and the numbers: a sparse mask on a one-patch grid, a pair too big for the topic.
            new MaskGenerator(masks, contextFrames, 1, imageSize / patchSize, patchSize);
            PairSizeBudget.check(encoding, contextFrames + 1, imageSize, patchSize);
            ClientProperties.refuseControlled("ingest", kafkaProperties, KafkaPairSink.CONTROLLED,
                    Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"));
            return new IngestConfig(this);
        }

        private static void require(boolean ok, String key, Object value, String allowed) {
            if (!ok) {
                throw new IllegalArgumentException("invalid ingest config: " + key + " = " + value
                        + "; allowed: " + allowed);
            }
        }
    }
}
