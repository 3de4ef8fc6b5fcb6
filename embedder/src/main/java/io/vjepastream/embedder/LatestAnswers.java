package io.vjepastream.embedder;

import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.LatentState;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.Serdes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The latest LatentState and AnomalyEnergy of each stream this instance answers, read from the stores that
 * {@link PairAnswerer} writes (Kafka Streams interactive queries). Every read throws
 * {@link InvalidStateStoreException} while the stores cannot be queried: starting, rebalancing or closed.
 */
final class LatestAnswers {
    private final Supplier<KafkaStreams> streams;
    private final BooleanSupplier closing;

    LatestAnswers(Supplier<KafkaStreams> streams, BooleanSupplier closing) {
        this.streams = streams;
        this.closing = closing;
    }

    /** The latest AnomalyEnergy of {@code streamId}. */
    Optional<AnomalyEnergy> energy(String streamId) {
        return one(PairScoringProcessor.LATEST_ENERGY_STORE, streamId, Serdes.anomalyEnergy());
    }

    /** The latest LatentState of {@code streamId}. */
    Optional<LatentState> latent(String streamId) {
        return one(PairScoringProcessor.LATEST_LATENT_STORE, streamId, Serdes.latentState());
    }

    /** The latest AnomalyEnergy of every stream, by stream id. */
    Map<String, AnomalyEnergy> energies() {
        Map<String, AnomalyEnergy> all = new TreeMap<>();
        AvroSerde<AnomalyEnergy> serde = Serdes.anomalyEnergy();
        try (KeyValueIterator<String, byte[]> it = store(PairScoringProcessor.LATEST_ENERGY_STORE).all()) {
            it.forEachRemaining(kv -> all.put(kv.key, serde.decode(kv.value)));
        }
        return all;
    }

    private <T extends SpecificRecord> Optional<T> one(String storeName, String streamId, AvroSerde<T> serde) {
        byte[] bytes = store(storeName).get(streamId);
        return bytes == null ? Optional.empty() : Optional.of(serde.decode(bytes));
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
        KafkaStreams kafkaStreams = streams.get();
        boolean closed = closing.getAsBoolean();
        if (kafkaStreams == null || closed) {
            throw new InvalidStateStoreException("Kafka Streams is " + (closed ? "closed" : "not started yet"));
        }
        return kafkaStreams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }
}
