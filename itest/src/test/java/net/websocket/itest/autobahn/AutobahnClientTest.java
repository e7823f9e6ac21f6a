package net.websocket.itest.autobahn;

import net.websocket.examples.TesteeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Autobahn TestSuite against our client: wstest's fuzzing server on 127.0.0.1, and the examples' testee client
 * ({@link TesteeClient}, the one {@code ./ws testee-client} runs) echoing every case. Reports:
 * {@code target/autobahn/client}.
 */
// beside the other classes, but not beside the other Autobahn run: see the surefire configuration in pom.xml
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("wstest")
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
