package io.vjepastream.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS stores for tests, made by the JDK's {@code keytool} in a directory: a CA, a broker certificate and a
 * client certificate it signed, a truststore holding only the CA, and a self-signed client certificate
 * the CA never saw. Every store is PKCS12 with a random password.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.create(dir);
 * EmbeddedKafkaBroker.builder().tls(certs.broker()).build().start();
 * }</pre>
 */
public final class TestCertificates {
    /** The broker's certificate names the address clients dial, so hostname verification passes. */
    private static final String BROKER_NAMES = "SAN=IP:127.0.0.1,DNS:localhost";
    private static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();

    private final TlsMaterial broker;
    private final TlsMaterial client;
    private final TlsMaterial untrusted;

    private TestCertificates(TlsMaterial broker, TlsMaterial client, TlsMaterial untrusted) {
        this.broker = broker;
        this.client = client;
        this.untrusted = untrusted;
    }

    /**
     * Makes the stores in {@code dir}.
     *
     * @throws IllegalStateException with keytool's output when a keytool run fails
     */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        String caPassword = password();
        String trustPassword = password();
        String keyPassword = password();
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        Path truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=vjepa-test-ca", "-ext", "bc:c",
                "-keystore", ca.toString(), "-storepass", caPassword);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", caPassword,
                "-file", caPem.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(),
                "-keystore", truststore.toString(), "-storepass", trustPassword);
        Path broker = signed(dir, "broker", BROKER_NAMES, ca, caPassword, caPem, keyPassword);
        Path client = signed(dir, "client", null, ca, caPassword, caPem, keyPassword);
        Path untrusted = dir.resolve("untrusted.p12");
        keytool("-genkeypair", "-alias", "untrusted", "-dname", "CN=untrusted",
                "-keystore", untrusted.toString(), "-storepass", keyPassword);
        return new TestCertificates(new TlsMaterial(broker, keyPassword, truststore, trustPassword),
                new TlsMaterial(client, keyPassword, truststore, trustPassword),
                new TlsMaterial(untrusted, keyPassword, truststore, trustPassword));
    }

    /** The broker's keystore, signed by the CA, and the truststore with the CA. */
    public TlsMaterial broker() {
        return broker;
    }

    /** A client keystore signed by the CA, and the same truststore: a client the broker admits. */
    public TlsMaterial client() {
        return client;
    }

    /** A self-signed client keystore the broker does not trust, and the truststore that trusts the broker. */
    public TlsMaterial untrusted() {
        return untrusted;
    }

    /** A new key pair named {@code name} in {@code name.p12}, with a certificate the CA signed for it. */
    private static Path signed(Path dir, String name, String extension, Path ca, String caPassword, Path caPem,
            String password) throws IOException, InterruptedException {
        Path keystore = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path certificate = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-keystore", keystore.toString(),
                "-storepass", password);
        keytool("-certreq", "-alias", name, "-keystore", keystore.toString(), "-storepass", password,
                "-file", request.toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
                "-storepass", caPassword, "-infile", request.toString(), "-outfile", certificate.toString()));
        if (extension != null) {
            sign.addAll(List.of("-ext", extension));
        }
        keytool(sign.toArray(String[]::new));
        // The reply holds the whole chain, so keytool installs it without asking whether to trust the CA.
        Path chain = dir.resolve(name + "-chain.pem");
        Files.writeString(chain, Files.readString(caPem) + Files.readString(certificate));
        keytool("-importcert", "-noprompt", "-alias", name, "-file", chain.toString(), "-keystore", keystore.toString(),
                "-storepass", password);
        return keystore;
    }

    /** Runs keytool with {@code args}; key pairs are EC P-256, valid two days, in PKCS12 stores (the JDK's default). */
    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(KEYTOOL, "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output.strip());
        }
    }

    private static String password() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
