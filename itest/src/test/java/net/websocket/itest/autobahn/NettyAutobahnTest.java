package net.websocket.itest.autobahn;

import net.websocket.itest.peers.NettyEchoServer;
import net.websocket.itest.peers.NettyTesteeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the Autobahn harness itself against an independent implementation: wstest's fuzzing client against a
 * Netty echo server. Off by default (it doubles the suite's run time); run with {@code -Dautobahn.netty=true}.
 */
@EnabledIfSystemProperty(named = "autobahn.netty", matches = "true")
class NettyAutobahnTest {
    private static final String NETTY_VERSION =
            io.netty.util.Version.identify().values().iterator().next().artifactVersion();

    @Test
    void nettyEchoServer() throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        try (NettyEchoServer server = NettyEchoServer.start()) {
            AutobahnReport report = AutobahnRun.fuzzServer("netty-server", "netty", "Autobahn fuzzingclient vs Netty "
                    + NETTY_VERSION + " server",
                    server.echoUri());
            AutobahnRun.assertAllPassed(report);
        }
    }

    @Test
    void nettyTesteeClient() throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        AutobahnReport report = AutobahnRun.fuzzClient("netty-client", "netty", "Autobahn fuzzingserver vs Netty "
                + NETTY_VERSION + " client", NettyTesteeClient::run);
        AutobahnRun.assertAllPassed(report);
    }
}
