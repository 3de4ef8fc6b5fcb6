package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.runtime.http.ServiceHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestHealthTest {
    @Test
    void ingestIsUpOnlyWhileEveryStreamRunsOrHasCompleted() {
        Map<String, StreamState> states = new LinkedHashMap<>();
        states.put("cam", StreamState.RUNNING);
        states.put("file", StreamState.COMPLETED);
        ServiceHealth up = new IngestHealth(IngestHealth.Status.UP, states).toServiceHealth();
        assertTrue(up.up(), up.detail());
        assertEquals(Map.of("cam", "RUNNING", "file", "COMPLETED"), up.parts());

        states.put("door", StreamState.OPENING);
        assertFalse(new IngestHealth(IngestHealth.Status.UP, states).toServiceHealth().up(), "still opening");
        states.put("door", StreamState.FAILED);
        ServiceHealth failed = new IngestHealth(IngestHealth.Status.DEGRADED, states).toServiceHealth();
        assertFalse(failed.up());
        assertTrue(failed.detail().contains("1 of 3"), failed.detail());
        assertFalse(new IngestHealth(IngestHealth.Status.DOWN,
                Map.of("file", StreamState.COMPLETED)).toServiceHealth().up(), "a closed service is down");
    }
}
