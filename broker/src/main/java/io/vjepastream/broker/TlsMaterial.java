package io.vjepastream.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The PKCS12 stores of a TLS endpoint: a keystore with its own private key and certificate chain, and a
 * truststore with the certificates (usually one CA) it accepts from the other side. The key's password is
 * the keystore's. {@link #toString()} shows the paths, never the passwords.
 *
 * @param keystore           the keystore file
 * @param keystorePassword   its password, also the password of the key in it
 * @param truststore         the truststore file
 * @param truststorePassword its password
 */
public record TlsMaterial(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
    /** @throws IllegalArgumentException when a store cannot be read; the message names the file */
    public TlsMaterial {
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(truststorePassword, "truststorePassword");
        keystore = readable(keystore, "keystore");
        truststore = readable(truststore, "truststore");
    }

    private static Path readable(Path store, String what) {
        Objects.requireNonNull(store, what);
        if (!Files.isReadable(store)) {
            throw new IllegalArgumentException("the TLS " + what + " " + store + " cannot be read");
        }
        return store.toAbsolutePath();
    }

    @Override
    public String toString() {
        return "TlsMaterial[keystore=" + keystore + ", truststore=" + truststore + "]";
    }
}
