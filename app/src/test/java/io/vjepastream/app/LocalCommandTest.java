package io.vjepastream.app;

import static io.vjepastream.app.CliRun.vjepa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.JepaConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Admin;
import io.vjepastream.schemas.Topics;
import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.trainer.CheckpointStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when {@code vjepa local} and the service commands are given bad input. */
class LocalCommandTest {
    @TempDir
    Path dir;

    @Test
    void aMissingVideoFileIsOneLineNamingTheFile() {
        Path missing = dir.resolve("missing.mp4");
        CliRun result = vjepa("local", "--source", missing.toString(), "--checkpoints", dir.resolve("c").toString());
        assertEquals(1, result.exitCode());
        assertEquals("vjepa: missing.mp4: no such file (" + missing + ")", result.err().strip());
        assertFalse(Files.exists(dir.resolve("c")), "nothing was started");
    }

    @Test
    void aFileThatIsNotVideoIsRefusedByIngest() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.mp4"), "these are not frames");
        CliRun result = vjepa("ingest", "--source", notes.toString(), "--bootstrap", "127.0.0.1:1",
                "--status-every", "100ms");
        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("notes FAILED"), result.out());
        assertTrue(result.out().contains("notes.mp4"), result.out());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    @Test
    @Timeout(180)
    void aSourceThatCannotBeOpenedFailsTheRunWithOneLineWhileTheOthersFlow() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.mp4"), "these are not frames");
        long started = System.nanoTime();
        CliRun result = vjepa("local", "--source", notes.toString(), "--source", "good=synthetic:?seconds=0&fps=10",
                "--duration", "12s", "--progress-every", "1s", "--kafka-port", "0", "--http-port", "-1",
                "--checkpoints", dir.resolve("c").toString(), "--model", "latent_dim=32", "--model", "depth=1");
        assertEquals(1, result.exitCode(), "one source failed: " + result.out() + result.err());
        List<String> said = result.err().lines().filter(l -> l.startsWith("vjepa: ")).toList();
        assertEquals(1, said.size(), result.err());
        assertTrue(said.get(0).startsWith("vjepa: stream notes failed: ") && said.get(0).contains("notes.mp4"),
                said.get(0));
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
        assertTrue(result.out().matches("(?s).*good \\d*[1-9]\\d* \\(STOPPED\\).*"),
                "the good source kept flowing: " + result.out());
        assertTrue(result.out().contains("notes 0 (FAILED: "), "the summary says why: " + result.out());

        // With its only source failed, the run ends at once instead of idling for the whole duration.
        CliRun alone = vjepa("local", "--source", notes.toString(), "--duration", "5m", "--kafka-port", "0",
                "--http-port", "-1", "--checkpoints", dir.resolve("c2").toString());
        assertEquals(1, alone.exitCode(), alone.out() + alone.err());
        assertTrue(System.nanoTime() - started < Duration.ofMinutes(2).toNanos(), "it did not run for 5 minutes");
    }

    @Test
    void theDefaultRunPlaysTheSceneInRealTimeAndCountsItsPlantedAnomalies() {
        CliRun result = vjepa("local", "--duration", "13s", "--progress-every", "60s", "--kafka-port", "0",
                "--http-port", "-1", "--checkpoints", dir.resolve("c").toString(), "--model", "latent_dim=32",
                "--model", "depth=1");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        Matcher pairs = Pattern.compile("ingest +(\\d+) pairs").matcher(result.out());
        assertTrue(pairs.find(), result.out());
        long sent = Long.parseLong(pairs.group(1));
        assertTrue(sent > 60 && sent < 160, "about 10 pairs a second, as a camera sends: " + sent + "\n" + result.out());
        Matcher planted = Pattern.compile("planted +synthetic: (\\d+) of (\\d+) planted events flagged \\(.*\\); "
                + "(\\d+) of (\\d+) normal pairs flagged").matcher(result.out());
        assertTrue(planted.find(), "the summary counts the planted anomalies: " + result.out());
        assertTrue(Integer.parseInt(planted.group(2)) >= 2, "an anomaly every 4 s: " + planted.group());
        assertTrue(Integer.parseInt(planted.group(1)) <= Integer.parseInt(planted.group(2)), planted.group());
        assertTrue(Integer.parseInt(planted.group(4)) > 0, planted.group());
    }

    @Test
    void runsAgainstAnExistingClusterWithItsClientProperties() throws Exception {
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.builder().build().start()) {
            CliRun result = vjepa("local", "--bootstrap", cluster.bootstrapServers(), "--kafka-property",
                    "client.dns.lookup=use_all_dns_ips", "--duration", "8s", "--progress-every", "60s", "--http-port", "-1",
                    "--checkpoints", dir.resolve("c").toString(), "--model", "latent_dim=32", "--model", "depth=1");
            assertEquals(0, result.exitCode(), result.out() + result.err());
            assertTrue(result.out().contains("using the Kafka cluster at " + cluster.bootstrapServers()), result.out());
            assertFalse(result.out().contains("broker listening"), "no broker of its own: " + result.out());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                long written = admin.listOffsets(Map.of(new TopicPartition(Topics.ANOMALY_ENERGY, 0), OffsetSpec.latest()))
                        .all().get().values().iterator().next().offset();
                assertTrue(written > 10, "the energies went to that cluster: " + written);
            }
        }
        CliRun both = vjepa("local", "--bootstrap", "127.0.0.1:1", "--kafka-port", "0");
        assertEquals(1, both.exitCode());
        assertTrue(both.err().contains("give --bootstrap (an existing cluster) or --kafka-port"), both.err());
    }

    @Test
    void aKafkaPortInUseIsOneLineBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun result = vjepa("local", "--kafka-port", String.valueOf(port), "--checkpoints",
                    dir.resolve("c").toString());
            assertEquals(1, result.exitCode(), result.out() + result.err());
            assertEquals("vjepa: --kafka-port " + port + ": address already in use on 127.0.0.1 (another broker?);"
                    + " pass --kafka-port 0 for a free port, or another port", result.err().strip());
            assertFalse(Files.exists(dir.resolve("c")), "nothing was started");
        }
    }

    @Test
    void resumingWithAnotherModelConfigIsOneLineBeforeTheBrokerStarts() throws IOException {
        Path checkpoints = dir.resolve("resume");
        CheckpointStore store = new CheckpointStore(checkpoints, 2);
        store.open();
        try (JepaTrainer trained = new JepaTrainer(JepaConfig.builder().encoderWidth(128).build())) {
            store.write(0, Map.of(), trained::save);
        }
        CliRun result = vjepa("local", "--kafka-port", "0", "--http-port", "-1", "--duration", "5m",
                "--checkpoints", checkpoints.toString(), "--model", "latent_dim=64");
        assertEquals(1, result.exitCode(), result.out() + result.err());
        String line = result.err().strip();
        assertTrue(line.startsWith("vjepa: checkpoint ") && line.contains("latent_dim is 128 there and 64 here")
                && line.contains("--model latent_dim=128"), line);
        assertFalse(line.contains("\n") || line.contains("Exception"), "one line, no trace: " + line);
        assertFalse(result.out().contains("broker listening"), "no broker was started: " + result.out());
    }

    @Test
    void aModelSettingWithoutEqualsIsAUsageError() {
        CliRun result = vjepa("model-config", "--model", "latent_dim");
        assertEquals(Vjepa.USAGE, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains("expected KEY=VALUE, e.g. latent_dim=128, but got 'latent_dim'"), result.err());
    }

    @Test
    void anUnreadableFileIsOneLine() throws IOException {
        Path locked = Files.writeString(dir.resolve("locked.mp4"), "x");
        assertTrue(locked.toFile().setReadable(false));
        // Root reads every file; the check only means something for an ordinary user.
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "running as root");
        CliRun result = vjepa("local", "--source", locked.toString());
        assertEquals(1, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().startsWith("vjepa: locked.mp4"), result.err());
    }

    @Test
    void anUnknownOptionShowsTheUsage() {
        CliRun result = vjepa("local", "--frames-per-second", "5");
        assertEquals(Vjepa.USAGE, result.exitCode());
        assertTrue(result.err().contains("Usage: vjepa local"), result.err());
    }

    @Test
    void aNonPositiveDurationIsRefused() {
        CliRun result = vjepa("local", "--duration", "0s");
        assertEquals(1, result.exitCode());
        assertEquals("vjepa: --duration must be positive, got PT0S", result.err().strip());
    }

    @Test
    void aWrongModelSettingNamesTheKeyAndWhatIsAllowed() {
        CliRun result = vjepa("local", "--model", "encoder_type=resnet", "--checkpoints", dir.resolve("c").toString());
        assertEquals(1, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("encoder_type") && result.err().contains("resnet")
                && result.err().contains("vit, cnn, mlp"), result.err());
        assertFalse(Files.exists(dir.resolve("c")), "nothing was started");
    }

    @Test
    void aMistypedModelKeySuggestsTheOneMeant() {
        CliRun typo = vjepa("local", "--model", "laten_dim=64", "--checkpoints", dir.resolve("c").toString());
        assertEquals(1, typo.exitCode());
        assertTrue(typo.err().startsWith("vjepa: unknown model config key 'laten_dim' in override 'laten_dim=64';"
                + " did you mean 'latent_dim'?; allowed keys: "), typo.err());
        // The builder's name of the setting finds the name the files use.
        CliRun other = vjepa("local", "--model", "encoder_width=64", "--checkpoints", dir.resolve("c").toString());
        assertTrue(other.err().contains("did you mean 'latent_dim'?"), other.err());
        assertFalse(Files.exists(dir.resolve("c")), "nothing was started");
    }

    @Test
    void modelConfigPrintsTheDocumentedDefaultsOrTheResolvedValues() {
        CliRun defaults = vjepa("model-config");
        assertEquals(0, defaults.exitCode(), defaults.err());
        assertTrue(defaults.out().contains("latent_dim: 128"), defaults.out());
        assertTrue(defaults.out().contains("# "), "the defaults come with explanations");

        CliRun resolved = vjepa("model-config", "--model", "latent_dim=96", "--model", "heads=4");
        assertEquals(0, resolved.exitCode(), resolved.err());
        assertTrue(resolved.out().contains("latent_dim: 96"), resolved.out());
    }

    @Test
    void everyServiceCommandHasHelp() {
        for (String command : new String[] {"local", "ingest", "train", "embed", "tail", "model-config", "bench"}) {
            CliRun result = vjepa(command, "--help");
            assertEquals(0, result.exitCode(), command + ": " + result.err());
            assertTrue(result.out().contains("Usage: vjepa " + command), result.out());
        }
    }
}
