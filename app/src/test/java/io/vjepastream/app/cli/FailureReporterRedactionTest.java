package io.vjepastream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureReporterRedactionTest {
    private static final Map<String, String> KAFKA = Map.of("ssl.keystore.password", "k3ystore-pw",
            "security.protocol", "SSL");

    @Test
    void aSecretQuotedByAnErrorIsCutFromTheLineAndFromTheStackTrace() {
        IllegalStateException failure = new IllegalStateException("keystore rejected k3ystore-pw",
                new IllegalArgumentException("wrong password k3ystore-pw for SSL"));
        for (boolean verbose : new boolean[] {false, true}) {
            StringWriter text = new StringWriter();
            new FailureReporter(false).report(failure, new PrintWriter(text), verbose, KAFKA);
            assertFalse(text.toString().contains("k3ystore-pw"), text.toString());
            assertTrue(text.toString().contains("keystore rejected [hidden]"), text.toString());
        }
        StringWriter line = new StringWriter();
        new FailureReporter(false).report(failure, new PrintWriter(line), false, KAFKA);
        assertEquals("vjepa: keystore rejected [hidden]", line.toString().trim());
    }
}
