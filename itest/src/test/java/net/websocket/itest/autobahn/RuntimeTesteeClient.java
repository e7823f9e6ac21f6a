package net.websocket.itest.autobahn;

import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.itest.support.EchoServers;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.WebSockets;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A testee client for wstest's fuzzing server written directly on our runtime's blocking API: every case is one
 * connection whose messages are echoed until the server closes it.
 */
final class RuntimeTesteeClient {

    /** How long one case may take to close; the largest 9.x cases move 16 MiB through the Jython peer. */
    private static final long CASE_TIMEOUT_SECONDS = 120;

    private RuntimeTesteeClient() {
    }

    static void run(URI base, String agent) throws IOException, InterruptedException {
        WebSocketClient client = WebSockets.client(ClientOptions.builder()
                .maxFrameSize(EchoServers.MAX_MESSAGE).maxMessageSize(EchoServers.MAX_MESSAGE).build());
        int count;
        try (Connection c = client.connect(base.resolve("/getCaseCount"))) {
            count = Integer.parseInt(c.receiveText().trim());
            awaitClosed(c);
        }
        for (int i = 1; i <= count; i++) {
            Connection c = client.connect(base.resolve("/runCase?case=" + i + "&agent=" + agent));
            try {
                for (Message m; (m = c.receive()) != null; ) {
                    c.send(m);
                }
            } catch (IOException sendAfterClose) {
                // the server closed or the connection failed while echoing: the case decides whether that is right
            }
            awaitClosed(c);
        }
        Connection c = client.connect(base.resolve("/updateReports?agent=" + agent));
        awaitClosed(c);
    }

    private static void awaitClosed(Connection c) throws IOException, InterruptedException {
        try {
            c.closed().toCompletableFuture().get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            c.abort();
            throw new IOException("connection " + c.uri() + " not closed within " + CASE_TIMEOUT_SECONDS + " s", e);
        }
    }
}
