package net.websocket.itest.autobahn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Autobahn TestSuite against our client: wstest's fuzzing server on 127.0.0.1, and a testee client on our runtime
 * that echoes every case. Reports: {@code target/autobahn/client}.
 */
class AutobahnClientTest {

    @Test
    void ourTesteeClientAgainstFuzzingServer() throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        AutobahnReport report = AutobahnRun.fuzzClient("client", Wstest.AGENT,
                "Autobahn fuzzingserver vs net.websocket client", RuntimeTesteeClient::run);
        AutobahnRun.assertAllPassed(report);
    }
}
