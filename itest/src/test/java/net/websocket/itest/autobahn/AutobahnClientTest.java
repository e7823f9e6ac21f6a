package net.websocket.itest.autobahn;

import net.websocket.examples.TesteeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Autobahn TestSuite against our client: wstest's fuzzing server on 127.0.0.1, and the examples' testee client
 * ({@link TesteeClient}, the one {@code ./ws testee-client} runs) echoing every case. Reports:
 * {@code target/autobahn/client}.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: see the surefire configuration in pom.xml
class AutobahnClientTest {

    @Test
    void testeeClientAgainstFuzzingServer() throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        AutobahnReport report = AutobahnRun.fuzzClient("client", Wstest.AGENT,
                "Autobahn fuzzingserver vs net.websocket client",
                (base, agent) -> TesteeClient.run(base.toString(), agent));
        AutobahnRun.assertAllPassed(report);
    }
}
