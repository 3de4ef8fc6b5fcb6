package io.vjepastream.broker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client listener with mutual TLS: the broker shows the certificate of its keystore and admits only
 * clients whose certificate its truststore accepts. The broker's own requests to itself (transaction
 * markers, the readiness check) present the broker's certificate, so the truststore must accept it too,
 * as it does when one CA signed both.
 */
final class MutualTlsListener implements ClientListener {
    private static final String STORE_TYPE = "PKCS12";

    private final TlsMaterial tls;

    MutualTlsListener(TlsMaterial tls) {
        this.tls = tls;
    }

    @Override
    public String protocol() {
        return "SSL";
    }

    @Override
    public Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>(stores());
        p.put("ssl.client.auth", "required");
        return p;
    }

    @Override
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>(stores());
        p.put("security.protocol", protocol());
        return p;
    }

    private Map<String, String> stores() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ssl.keystore.type", STORE_TYPE);
        p.put("ssl.keystore.location", tls.keystore().toString());
        p.put("ssl.keystore.password", tls.keystorePassword());
        p.put("ssl.key.password", tls.keystorePassword());
        p.put("ssl.truststore.type", STORE_TYPE);
        p.put("ssl.truststore.location", tls.truststore().toString());
        p.put("ssl.truststore.password", tls.truststorePassword());
        return p;
    }
}
