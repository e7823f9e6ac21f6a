package net.websocket.runtime;

import java.net.InetSocketAddress;
import java.time.Duration;

import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * The server of {@link DescriptorExhaustionTest}, run in a child JVM under a low file descriptor limit: an echo
 * server on 127.0.0.1 with the default options, which prints {@code PORT <n>} once it listens and runs until its
 * standard input ends. Its log goes to standard error.
 */
public final class DescriptorExhaustionServer {

    private DescriptorExhaustionServer() {
    }

    public static void main(String[] args) throws Exception {
        WebSocketServer server = WebSockets.serve(
                ServerOptions.builder().address(new InetSocketAddress("127.0.0.1", 0)).ioThreads(2).build(),
                TestSupport.ECHO);
        System.out.println("PORT " + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the test closes our standard input
        }
        server.close(Duration.ofSeconds(1));
    }
}
