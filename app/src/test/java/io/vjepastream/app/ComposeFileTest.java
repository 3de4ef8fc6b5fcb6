package io.vjepastream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.cli.EnvironmentDefaults;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * docker-compose.yml names only what the build makes and the services read: images, volumes, ports,
 * environment variables, and Prometheus targets.
 */
class ComposeFileTest {
    private static final String JIB_PLUGIN = "jib-maven-plugin";
    private static final Set<String> SERVICE_COMMANDS = EnvironmentDefaults.SERVICE_COMMANDS;
    /** Prometheus listens on 9090 unless --web.listen-address says otherwise. */
    private static final int PROMETHEUS_PORT = 9090;

    private static Path root;
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() throws Exception {
        root = Path.of(System.getProperty("user.dir")).getParent();
        compose = load(root.resolve("docker-compose.yml"));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        assertTrue(services.keySet().containsAll(List.of("kafka", "ingest", "trainer", "embedder", "prometheus")),
                services.keySet().toString());
    }

    @Test
    void everyImageIsKafkaOfThePomsVersionPrometheusOrTheImageTheImagesProfileBuilds() throws Exception {
        String kafka = "apache/kafka:" + xpath(root.resolve("pom.xml"), "/project/properties/kafka.version");
        String jibImage = xpath(root.resolve("app/pom.xml"), "/project/profiles/profile[id='images']/build/plugins/plugin"
                + "[artifactId='" + JIB_PLUGIN + "']/configuration/to/image");
        String version = xpath(root.resolve("pom.xml"), "/project/version");
        assertEquals("vjepa-stream/vjepa:${project.version}", jibImage);
        String built = jibImage.replace("${project.version}", version);
        Set<String> seen = new HashSet<>();
        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            assertTrue(image != null, name + " names an image");
            assertTrue(image.equals(kafka) || image.startsWith("prom/prometheus:") || image.equals(built),
                    name + " uses " + image + "; allowed: " + kafka + ", prom/prometheus:<tag>, " + built);
            seen.add(image);
        });
        assertTrue(seen.contains(built) && seen.contains(kafka), "the services run the built image: " + seen);
        assertEquals(built, services.get("ingest").get("image"));
        assertEquals("[monitoring]", String.valueOf(services.get("prometheus").get("profiles")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyNamedVolumeIsDeclaredAndEveryMountedFileExists() {
        Set<String> declared = ((Map<String, Object>) compose.get("volumes")).keySet();
        services.forEach((name, service) -> {
            for (Object entry : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(entry).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    // Bind mounts of files from this repository must exist; directories such as ./videos are the user's.
                    if (source.matches(".*\\.[a-z]+$")) {
                        assertTrue(Files.isRegularFile(root.resolve(source)), name + " mounts missing " + source);
                    }
                } else {
                    assertTrue(declared.contains(source), name + " uses volume " + source + ", not declared in " + declared);
                }
            }
        });
        assertTrue(declared.contains("checkpoints"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPublishedPortIsOneTheServiceListensOn() {
        services.forEach((name, service) -> {
            for (Object entry : (List<Object>) service.getOrDefault("ports", List.of())) {
                String[] parts = String.valueOf(entry).split(":");
                int container = Integer.parseInt(parts[parts.length - 1]);
                assertTrue(listeningPorts(name, service).contains(container),
                        name + " publishes " + entry + " but listens on " + listeningPorts(name, service));
            }
        });
        for (String name : List.of("ingest", "trainer", "embedder")) {
            assertEquals(1, ((List<Object>) services.get(name).get("ports")).size(), name + " publishes its endpoint");
            String health = String.valueOf(((Map<String, Object>) services.get(name).get("healthcheck")).get("test"));
            int port = httpPort(services.get(name));
            assertTrue(health.contains("/dev/tcp/127.0.0.1/" + port + " ") && health.contains("GET /health"),
                    name + " checks /health on its own port " + port + ": " + health);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVjepaVariableASetsIsOneItsCommandReads() {
        CommandLine vjepa = new CommandLine(new Vjepa());
        int checked = 0;
        for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
            Map<String, Object> env = (Map<String, Object>) entry.getValue().getOrDefault("environment", Map.of());
            List<String> vjepaVariables = env.keySet().stream().filter(k -> k.startsWith(EnvironmentDefaults.PREFIX)).toList();
            if (vjepaVariables.isEmpty()) {
                continue;
            }
            String command = command(entry.getValue());
            assertTrue(SERVICE_COMMANDS.contains(command), entry.getKey() + " sets " + vjepaVariables + " but runs " + command);
            CommandSpec spec = vjepa.getSubcommands().get(command).getCommandSpec();
            for (String variable : vjepaVariables) {
                assertTrue(EnvironmentDefaults.reads(spec, variable), entry.getKey() + " sets " + variable + ", which `vjepa "
                        + command + "` does not read; it reads " + EnvironmentDefaults.variables(spec));
                checked++;
            }
        }
        assertTrue(checked >= 9, "bootstrap, port and more for each of the three services; checked " + checked);
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEachServiceOnItsHttpPort() throws Exception {
        Map<String, Object> prometheus = load(root.resolve("prometheus.yml"));
        Set<String> targets = new HashSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            for (Map<String, Object> config : (List<Map<String, Object>>) job.get("static_configs")) {
                targets.addAll((List<String>) config.get("targets"));
            }
        }
        Set<String> expected = new HashSet<>();
        for (String name : List.of("ingest", "trainer", "embedder")) {
            expected.add(name + ":" + httpPort(services.get(name)));
        }
        assertEquals(expected, targets);
    }

    /** The ports {@code service} listens on inside its container. */
    @SuppressWarnings("unchecked")
    private static Set<Integer> listeningPorts(String name, Map<String, Object> service) {
        Set<Integer> ports = new HashSet<>();
        String image = String.valueOf(service.get("image"));
        Map<String, Object> env = (Map<String, Object>) service.getOrDefault("environment", Map.of());
        if (image.startsWith("apache/kafka:")) {
            Matcher m = Pattern.compile(":(\\d+)").matcher(String.valueOf(env.get("KAFKA_LISTENERS")));
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
            assertTrue(ports.contains(9092), name + " listens on 9092: " + env.get("KAFKA_LISTENERS"));
        } else if (image.startsWith("prom/prometheus:")) {
            ports.add(PROMETHEUS_PORT);
        } else {
            ports.add(httpPort(service));
        }
        return ports;
    }

    /** The --http-port of a vjepa service: a flag in its command, else VJEPA_HTTP_PORT. */
    @SuppressWarnings("unchecked")
    private static int httpPort(Map<String, Object> service) {
        List<Object> command = (List<Object>) service.get("command");
        int flag = command.indexOf("--http-port");
        if (flag >= 0) {
            return Integer.parseInt(String.valueOf(command.get(flag + 1)));
        }
        Object value = ((Map<String, Object>) service.getOrDefault("environment", Map.of())).get("VJEPA_HTTP_PORT");
        assertFalse(value == null, "a vjepa service sets its HTTP port: " + service);
        return Integer.parseInt(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static String command(Map<String, Object> service) {
        List<Object> command = new ArrayList<>((List<Object>) service.getOrDefault("command", List.of()));
        return command.isEmpty() ? null : String.valueOf(command.get(0));
    }

    private static Map<String, Object> load(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }

    private static String xpath(Path pom, String expression) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        String value = XPathFactory.newInstance().newXPath().evaluate(expression, document).trim();
        assertFalse(value.isEmpty(), expression + " in " + pom);
        return value;
    }
}
