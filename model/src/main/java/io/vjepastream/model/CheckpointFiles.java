package io.vjepastream.model;

import ai.djl.MalformedModelException;
import ai.djl.nn.Block;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The files of a model directory: {@code config.properties} (the {@link JepaConfig}) and one DJL
 * parameter file per network ({@code online-encoder.params}, {@code target-encoder.params},
 * {@code predictor.params}, each as {@link Block#saveParameters} writes it).
 */
final class CheckpointFiles {
    static final String CONFIG = "config.properties";
    static final String ONLINE_ENCODER = "online-encoder.params";
    static final String TARGET_ENCODER = "target-encoder.params";
    static final String PREDICTOR = "predictor.params";

    private CheckpointFiles() {
    }

    /** Writes config and weights into the existing directory {@code dir}, replacing files of the same names. */
    static void save(JepaNetworks networks, Path dir) throws IOException {
        requireDirectory(dir);
        writeProperties(dir.resolve(CONFIG), networks.config().toProperties(), "vjepa-stream JEPA model config");
        writeBlock(networks.online(), dir.resolve(ONLINE_ENCODER));
        writeBlock(networks.target(), dir.resolve(TARGET_ENCODER));
        writeBlock(networks.predictor(), dir.resolve(PREDICTOR));
    }

    /**
     * @return the networks stored in {@code dir}
     * @throws IOException naming the file that is missing, unreadable or does not fit the config
     */
    static JepaNetworks load(Path dir) throws IOException {
        JepaConfig config = readConfig(dir);
        JepaNetworks networks = new JepaNetworks(config);
        try {
            readBlock(networks, networks.online(), dir.resolve(ONLINE_ENCODER));
            readBlock(networks, networks.target(), dir.resolve(TARGET_ENCODER));
            readBlock(networks, networks.predictor(), dir.resolve(PREDICTOR));
            try {
                networks.checkShapes();
            } catch (RuntimeException e) {
                throw new IOException("the weights in " + dir + " do not fit its " + CONFIG + ": " + e.getMessage(), e);
            }
            if (networks.hasTargetEncoder()) {
                networks.target().freezeParameters(true);
            }
            return networks;
        } catch (IOException | RuntimeException e) {
            networks.close();
            throw e;
        }
    }

    /**
     * @return the model config stored in {@code dir}, without loading any weights
     * @throws IOException naming the config file when it is missing, unreadable or invalid
     */
    static JepaConfig readConfig(Path dir) throws IOException {
        Path configFile = dir.resolve(CONFIG);
        try {
            return JepaConfig.fromProperties(readProperties(configFile));
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid model config in " + configFile + ": " + e.getMessage(), e);
        }
    }

    /** @return the string map in a properties file, keys sorted */
    static Map<String, String> readProperties(Path file) throws IOException {
        requireFile(file);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    static void writeProperties(Path file, Map<String, String> values, String comment) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, comment);
        }
    }

    private static void writeBlock(Block block, Path file) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            block.saveParameters(out);
        }
    }

    private static void readBlock(JepaNetworks networks, Block block, Path file) throws IOException {
        requireFile(file);
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            block.loadParameters(networks.manager(), in);
            if (in.read() != -1) {
                throw new IOException("cannot read " + file + ": bytes left after the last parameter");
            }
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new IOException("cannot read " + file + ": it ends early (truncated?)", e);
        }
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "model file missing");
        }
    }

    private static void requireDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "model directory does not exist");
        }
    }
}
