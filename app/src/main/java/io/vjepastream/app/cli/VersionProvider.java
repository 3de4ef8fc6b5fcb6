package io.vjepastream.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/**
 * The text of {@code vjepa --version}: this build's version (from the Maven metadata the jar carries),
 * and the versions of Kafka and Java it runs on.
 */
public final class VersionProvider implements IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/io.vjepastream/vjepa-app/pom.properties";

    /** Creates the provider; picocli does this through {@code versionProvider}. */
    public VersionProvider() {
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "vjepa " + version(),
            "Kafka " + AppInfoParser.getVersion() + ", Java " + System.getProperty("java.version")
                    + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** This build's version, or {@code development build} when not running from the packaged jar. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "development build");
            }
        } catch (IOException e) {
            // An unreadable manifest is no reason to fail --version.
        }
        return "development build";
    }
}
