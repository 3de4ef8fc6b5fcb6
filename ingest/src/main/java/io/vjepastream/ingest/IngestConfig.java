package io.vjepastream.ingest;

import io.vjepastream.ingest.encode.EncodingSettings;
import io.vjepastream.ingest.encode.PairSizeBudget;
import io.vjepastream.ingest.pair.MaskGenerator;
import io.vjepastream.ingest.pair.MaskSettings;
import io.vjepastream.ingest.sink.PairProducerConfig;
import io.vjepastream.ingest.source.FfmpegDecoding;
import io.vjepastream.ingest.source.ReconnectPolicy;
import io.vjepastream.runtime.client.ClientProperties;
import io.vjepastream.runtime.client.Redaction;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.runtime.config.SettingTable;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
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
    public static final Setting<Integer> IMAGE_SIZE = Setting.positiveInt("imageSize", 64,
            "Frames are scaled to this many pixels square, the model's resolution.");
    public static final Setting<Integer> PATCH_SIZE = Setting.positiveInt("patchSize", 8,
            "The model's patch size in pixels; the image size must be a multiple.");
    public static final Setting<Double> SAMPLE_FPS = Setting.number("sampleFps", 10, Double.MIN_VALUE,
            Double.POSITIVE_INFINITY, "a positive, finite number of frames per second",
            "Frames per second sampled from each source.").option("--fps");
    public static final Setting<Integer> STRIDE_FRAMES = Setting.positiveInt("strideFrames", 2,
            "Sampled frames between the frames of a pair (t-k, t -> t+k).").option("--stride");
    public static final Setting<Boolean> REALTIME = Setting.flag("realtime",
            "Pace files to their own frame rate instead of reading at full speed.");
    public static final Setting<Duration> OPEN_TIMEOUT = Setting.duration("openTimeout", Duration.ofSeconds(10),
            Duration.ofMillis(1), Duration.ofHours(1),
            "Connect and read limit for network sources and cameras (a source's timeout= wins).").option("--io-timeout");
    public static final Setting<Integer> QUEUE_CAPACITY = Setting.positiveInt("queueCapacity", 32,
            "Pairs held per stream between decoding and producing.").option("--queue");
    public static final Setting<Integer> RECONNECT_MAX_ATTEMPTS = Setting.nonNegativeInt("reconnectMaxAttempts",
            ReconnectPolicy.defaults().maxAttempts(), "Consecutive failed attempts to (re)connect before a live stream"
                    + " is given up, at the start as after a drop; 0 = never.").option("--reconnect-max");
    public static final Setting<MaskStrategy> MASK_STRATEGY = Setting.choice("maskStrategy", MaskStrategy.class,
            MaskSettings.defaults().strategy(),
            "Token mask of every pair: TEMPORAL (predict the next frame), TUBE (V-JEPA multi-block), BLOCK or RANDOM.")
            .option("--mask");
    public static final Setting<Double> MASK_RATIO = Setting.number("maskRatio", MaskSettings.defaults().ratio(),
            Double.MIN_VALUE, 1, "a number in (0, 1)", "Share of tokens predicted by RANDOM masks.");
    public static final Setting<FrameEncoding> FRAME_ENCODING = Setting.choice("frameEncoding", FrameEncoding.class,
            EncodingSettings.defaults().encoding(), "How frames are stored in the records: RAW, PNG or JPEG.")
            .option("--encoding");
    public static final Setting<PixelFormat> PIXEL_FORMAT = Setting.choice("pixelFormat", PixelFormat.class,
            EncodingSettings.defaults().pixelFormat(), "RGB24 or GRAY8.");
    public static final Setting<Integer> MAX_MESSAGE_BYTES = Setting.positiveInt("maxMessageBytes",
            EncodingSettings.defaults().maxMessageBytes(), "The largest record the pairs topic takes (its"
                    + " max.message.bytes): a configuration whose largest pair would not fit is refused at start,"
                    + " with the numbers; the default is the limit vjepa local gives the topic.");
    public static final Setting<Integer> DECODE_THREADS = Setting.of("decodeThreads", Integer.class, Integer::valueOf,
            FfmpegDecoding.DEFAULT_THREADS, v -> v >= 0, "0 (FFmpeg chooses) or a positive number of threads",
            "FFmpeg decoder threads per stream; 0 lets FFmpeg choose (one per core), 1 is the cheapest per frame"
                    + " when cameras outnumber cores.");

    /** Every setting of ingest that a command may set, with its builder method. */
    public static final SettingTable<Builder> SETTINGS = SettingTable.<Builder>of()
            .with(IMAGE_SIZE, Builder::imageSize).with(PATCH_SIZE, Builder::patchSize)
            .with(SAMPLE_FPS, Builder::sampleFps).with(STRIDE_FRAMES, Builder::strideFrames)
            .with(REALTIME, Builder::realtime).with(OPEN_TIMEOUT, Builder::openTimeout)
            .with(QUEUE_CAPACITY, Builder::queueCapacity)
            .with(RECONNECT_MAX_ATTEMPTS, (b, v) -> b.reconnect(b.reconnect.withMaxAttempts(v)))
            .with(MASK_STRATEGY, (b, v) -> b.masks(b.masks.withStrategy(v)))
            .with(MASK_RATIO, (b, v) -> b.masks(b.masks.withRatio(v)))
            .with(FRAME_ENCODING, (b, v) -> b.encoding(b.encoding.withEncoding(v)))
            .with(PIXEL_FORMAT, (b, v) -> b.encoding(b.encoding.withPixelFormat(v)))
            .with(MAX_MESSAGE_BYTES, (b, v) -> b.encoding(b.encoding.withMaxMessageBytes(v)))
            .with(DECODE_THREADS, Builder::decodeThreads);

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
    public int imageSize() { return imageSize; }
    /** Side of a square token patch in pixels; divides {@link #imageSize()}. */
    public int patchSize() { return patchSize; }
    /** Patches per row and per column of a frame. */
    public int gridSize() { return imageSize / patchSize; }
    /** Bytes of one packed RGB24 frame. */
    public int frameBytes() { return imageSize * imageSize * 3; }
    /** Frames per second kept from each source; slower sources keep every frame. */
    public double sampleFps() { return sampleFps; }
    /** Sampled frames between consecutive frames of a pair (k). */
    public int strideFrames() { return strideFrames; }
    /** Context frames per pair; each pair also has one target frame. */
    public int contextFrames() { return contextFrames; }
    /** Whether file and synthetic sources are paced to their presentation time instead of read flat out. */
    public boolean realtime() { return realtime; }
    /**
     * FFmpeg decoder threads per stream; 0 lets FFmpeg choose. Default
     * {@link FfmpegDecoding#DEFAULT_THREADS}: one, the cheapest per frame when streams outnumber cores.
     */
    public int decodeThreads() {
        return decodeThreads;
    }

    /** How long opening or reading a network source may block before it fails. */
    public Duration openTimeout() { return openTimeout; }
    /** How each pair's context and target tokens are chosen. */
    public MaskSettings masks() { return masks; }
    /** Pixel format, image encoding and the message size pairs must fit in. */
    public EncodingSettings encoding() { return encoding; }
    /**
     * Pairs each stream may hold between decoding and producing. When the sink falls behind, a live
     * source drops the oldest (counted), a file source waits.
     */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** How live sources are reconnected after a drop. */
    public ReconnectPolicy reconnect() { return reconnect; }
    /**
     * Kafka client properties (security, timeouts) for the producer, see
     * {@link PairProducerConfig#of(String, Map)}; sorted by key, possibly holding secrets.
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
        private int imageSize = IMAGE_SIZE.defaultValue();
        private int patchSize = PATCH_SIZE.defaultValue();
        private double sampleFps = SAMPLE_FPS.defaultValue();
        private int strideFrames = STRIDE_FRAMES.defaultValue();
        private int contextFrames = 2;
        private boolean realtime = REALTIME.defaultValue();
        private Duration openTimeout = OPEN_TIMEOUT.defaultValue();
        private int queueCapacity = QUEUE_CAPACITY.defaultValue();
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        private MaskSettings masks = MaskSettings.defaults();
        private EncodingSettings encoding = EncodingSettings.defaults();
        private final Map<String, String> kafkaProperties = new TreeMap<>();
        private int decodeThreads = DECODE_THREADS.defaultValue();

        private Builder() {
        }

        public Builder imageSize(int value) { imageSize = value; return this; }
        public Builder patchSize(int value) { patchSize = value; return this; }
        public Builder sampleFps(double value) { sampleFps = value; return this; }
        public Builder strideFrames(int value) { strideFrames = value; return this; }
        public Builder contextFrames(int value) { contextFrames = value; return this; }
        public Builder realtime(boolean value) { realtime = value; return this; }
        public Builder openTimeout(Duration value) { openTimeout = value; return this; }
        public Builder masks(MaskSettings value) { masks = value; return this; }
        public Builder encoding(EncodingSettings value) { encoding = value; return this; }
        public Builder decodeThreads(int value) { decodeThreads = value; return this; }
        public Builder queueCapacity(int value) { queueCapacity = value; return this; }
        public Builder reconnect(ReconnectPolicy value) { reconnect = value; return this; }
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
            check(IMAGE_SIZE, imageSize);
            check(PATCH_SIZE, patchSize);
            require(imageSize % patchSize == 0, "imageSize", imageSize, "a multiple of patchSize " + patchSize);
            check(SAMPLE_FPS, sampleFps);
            check(STRIDE_FRAMES, strideFrames);
            require(contextFrames > 0, "contextFrames", contextFrames, "an integer >= 1");
            check(OPEN_TIMEOUT, openTimeout);
            check(QUEUE_CAPACITY, queueCapacity);
            check(DECODE_THREADS, decodeThreads);
            require(reconnect != null, "reconnect", reconnect, "a reconnect policy");
            require(masks != null, "masks", masks, "mask settings");
            require(encoding != null, "encoding", encoding, "encoding settings");
            // Both throw naming the key and the numbers: a sparse mask on a one-patch grid, a pair too big for the topic.
            new MaskGenerator(masks, contextFrames, 1, imageSize / patchSize, patchSize);
            PairSizeBudget.check(encoding, contextFrames + 1, imageSize, patchSize);
            ClientProperties.refuseControlled("ingest", kafkaProperties, PairProducerConfig.CONTROLLED,
                    Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"));
            return new IngestConfig(this);
        }

        private static <T> void check(Setting<T> setting, T value) {
            try {
                setting.check(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid ingest config: " + e.getMessage(), e);
            }
        }

        private static void require(boolean ok, String key, Object value, String allowed) {
            if (!ok) {
                throw new IllegalArgumentException("invalid ingest config: " + key + " = " + value
                        + "; allowed: " + allowed);
            }
        }
    }
}
