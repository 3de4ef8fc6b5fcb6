package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed embedder leaves its consumer group at once, so that another instance takes its partitions
 * now rather than after the session timeout (a minute here).
 */
class EmbedderLeavesGroupTest {
    private static final String GROUP = "embedder-leaves";

    @TempDir
    Path dir;

    @Test
    void aClosedEmbedderIsNoLongerAMemberOfItsGroup() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            String bootstrap = broker.bootstrapServers();
            TopicSetup.createAll(bootstrap, 1, (short) 1);
            BrokerFixtures.announce(bootstrap, 1, BrokerFixtures.checkpoint(dir.resolve("v1"), 0));
            EmbedderConfig config = EmbedderConfig.builder(bootstrap).applicationId(GROUP).stateDir(dir.resolve("state"))
                    .streamsProperty("consumer.session.timeout.ms", "60000")
                    .build();
            EmbedderService embedder = new EmbedderService(config);
            try {
                embedder.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!embedder.health().up() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(embedder.health().up(), embedder.health().detail());
                assertEquals(1, group(admin).members().size(), "the running embedder is a member");
            } finally {
                embedder.close();
            }
            ConsumerGroupDescription after = group(admin);
            assertEquals(List.of(), List.copyOf(after.members()), "left at close, not at the session timeout: " + after);
        }
    }

    private static ConsumerGroupDescription group(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get();
    }
}
