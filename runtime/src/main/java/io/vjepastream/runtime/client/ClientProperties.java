package io.vjepastream.runtime.client;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a service combines its Kafka client settings with the ones an operator passes through
 * ({@code --kafka-property}, {@code --kafka-config}, {@code VJEPA_KAFKA_*}).
 *
 * <p>Three layers, later ones winning: the service's tuning defaults (linger, batch and fetch sizes,
 * which an operator may change), then the operator's properties, then the settings the service must
 * control for its guarantees (serializers, idempotence, consumer group, bootstrap servers). An
 * operator property that names a controlled setting with a different value is refused with an
 * {@link IllegalArgumentException} that names the service, the key and the reason, never silently
 * dropped; the same value is accepted.
 */
public final class ClientProperties {
    private ClientProperties() {
    }

    /**
     * Refuses operator properties that would change a setting the service controls.
     *
     * @param service    the service's name, for the message, e.g. {@code ingest}
     * @param properties the operator's properties
     * @param controlled each controlled key with the reason the service needs it
     * @param values     the values the service sets for controlled keys it sets itself; a key of
     *                   {@code controlled} without a value here is refused whatever its value
     * @throws IllegalArgumentException on the first conflicting key
     */
    public static void refuseControlled(String service, Map<String, ?> properties, Map<String, String> controlled,
            Map<String, ?> values) {
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "Kafka property key");
            String reason = controlled.get(key);
            if (reason == null) {
                continue;
            }
            Object own = values.get(key);
            if (own != null && String.valueOf(own).equals(String.valueOf(e.getValue()))) {
                continue;
            }
            throw new IllegalArgumentException("Kafka property " + Redaction.entry(key, e.getValue())
                    + " is refused by the " + service + ": " + reason
                    + (own == null ? "; remove it" : "; the " + service + " sets " + Redaction.entry(key, own)
                    + " itself, remove it or give that value"));
        }
    }

    /**
     * The complete client configuration: {@code defaults}, then {@code properties}, then
     * {@code controlled}, after {@link #refuseControlled} found no conflict.
     *
     * @param service    the service's name, for the message
     * @param defaults   tuning defaults an operator may override
     * @param properties the operator's properties
     * @param controlled the values the service must set, with {@code reasons} explaining each
     * @param reasons    why each controlled key (and any key refused outright) is the service's
     * @throws IllegalArgumentException naming the conflicting key and the service
     */
    public static Map<String, Object> merge(String service, Map<String, ?> defaults, Map<String, ?> properties,
            Map<String, ?> controlled, Map<String, String> reasons) {
        refuseControlled(service, properties, reasons, controlled);
        return layer(defaults, properties, controlled);
    }

    /**
     * {@code defaults}, then {@code properties}, then {@code controlled}, without checks: for a service
     * that refused conflicting properties once, when its configuration was built, and now configures
     * several clients that each set only some of the controlled keys.
     */
    public static Map<String, Object> layer(Map<String, ?> defaults, Map<String, ?> properties,
            Map<String, ?> controlled) {
        Map<String, Object> out = new HashMap<>(defaults);
        out.putAll(properties);
        out.putAll(controlled);
        return out;
    }
}
