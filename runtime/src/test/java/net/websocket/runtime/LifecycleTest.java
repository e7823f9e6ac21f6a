package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.HandshakeException;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketException;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.internal.ServerImpl;

/** Starting and stopping servers; client connection failures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleTest {

    private static List<Thread> threadsNamed(String prefix) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void closeSendsGoingAwayAndLeavesNoThreads() throws Exception {
        WebSocketServer s = WebSockets.serve(TestSupport.options().ioThreads(3).build(), TestSupport.ECHO);
        ServerImpl impl = (ServerImpl) s;
        assertTrue(s.isRunning());
        assertTrue(s.port() > 0);
        assertEquals(new InetSocketAddress("127.0.0.1", s.port()), s.address());
        WebSocketClient client = TestSupport.client();
        List<Connection> cs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Connection c = client.connect(TestSupport.uri(s, "/"));
            c.sendText("x");
            assertEquals("x", c.receiveText());
            cs.add(c);
        }
        assertEquals(5, s.connectionCount());
        assertEquals(3, threadsNamed("ws-server-" + impl.id() + "-").size());
        s.close();
        assertFalse(s.isRunning());
        s.stopped().toCompletableFuture().get(1, TimeUnit.SECONDS);
        for (Connection c : cs) {
            assertNull(c.receive());
            CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(new CloseStatus(CloseCodes.GOING_AWAY, "going away", true), st);
        }
        assertEquals(0, s.connectionCount());
        assertEquals(List.of(), threadsNamed("ws-server-" + impl.id() + "-"));
        assertTrue(impl.handlerThreads().isTerminated(), "handler threads ended");
        s.close(); // idempotent
        assertThrows(IOException.class, () -> client.connect(TestSupport.uri(s, "/"),
                ConnectRequest.builder().timeout(Duration.ofSeconds(2)).build()));
    }

    @Test
    void closeGivesUpOnPeersThatNeverAnswer() throws Exception {
        WebSocketServer s = WebSockets.serve(TestSupport.options().build(), TestSupport.ECHO);
        try (Socket raw = Raw.open(s.port())) {
            raw.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
            assertTrue(Raw.readHead(raw.getInputStream()).startsWith("HTTP/1.1 101"));
            long t0 = System.nanoTime();
            s.close(Duration.ofMillis(300));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 5000, "close took " + ms + " ms");
            assertEquals(CloseCodes.GOING_AWAY, Raw.readFrame(raw.getInputStream()).closeCode());
            assertEquals(-1, raw.getInputStream().read());
        }
        assertEquals(List.of(), threadsNamed("ws-server-" + ((ServerImpl) s).id() + "-"));
    }

    @Test
    void closeFromAHandlerThreadWorks() throws Exception {
        WebSocketServer[] holder = new WebSocketServer[1];
        WebSocketServer s = WebSockets.serve(TestSupport.options().build(), c -> {
            c.receive();
            holder[0].close();
        });
        holder[0] = s;
        Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
        c.sendText("stop");
        assertNull(c.receive());
        s.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertFalse(s.isRunning());
    }

    @Test
    void handlersRunOnVirtualThreadsWhereTheJvmHasThem() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(),
                c -> c.sendText(Thread.currentThread().toString()))) {
            try (Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
                String thread = c.receiveText();
                boolean virtual = Runtime.version().feature() >= 21;
                assertEquals(virtual, thread.startsWith("VirtualThread"), thread);
                assertTrue(thread.contains("ws-handler-"), thread);
            }
        }
    }

    @Test
    void ipv6Loopback() throws Exception {
        WebSocketServer s;
        try {
            s = WebSockets.serve(TestSupport.options()
                    .address(new InetSocketAddress(java.net.InetAddress.getByName("::1"), 0)).build(),
                    TestSupport.ECHO);
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e);
            return;
        }
        try (s; Connection c = TestSupport.client().connect(URI.create("ws://[::1]:" + s.port() + "/v6"))) {
            c.sendText("six");
            assertEquals("six", c.receiveText());
            assertEquals("/v6", c.path());
        }
    }

    @Test
    void everyAddressOfTheHostIsTried() throws Exception {
        // localhost may resolve to ::1 first; the server listens on 127.0.0.1 only
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO);
                Connection c = TestSupport.client().connect(URI.create("ws://localhost:" + s.port() + "/"))) {
            c.sendText("found");
            assertEquals("found", c.receiveText());
            assertEquals("127.0.0.1", c.remoteAddress().getAddress().getHostAddress());
        }
    }

    @Test
    void bindFailureThrows() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThrows(IOException.class, () -> WebSockets.serve(
                    TestSupport.options().port(taken.getLocalPort()).build(), TestSupport.ECHO));
        }
    }

    @Test
    void maxConnectionsIs503() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().maxConnections(1).build(),
                TestSupport.ECHO)) {
            Connection first = TestSupport.client().connect(TestSupport.uri(s, "/"));
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> TestSupport.client().connect(TestSupport.uri(s, "/")));
            assertEquals(503, e.status());
            first.close();
            first.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // the slot is free again once the server has released the first socket
            Await.until("the server releases the first connection", () -> s.connectionCount() == 0);
            try (Connection again = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
                again.sendText("ok");
                assertEquals("ok", again.receiveText());
            }
        }
    }

    @Test
    void clientRefusesUnknownSchemesAndVariants() {
        WebSocketClient client = TestSupport.client();
        WebSocketException e = assertThrows(WebSocketException.class, () -> client.connect(
                URI.create("ws://127.0.0.1:1/"), ConnectRequest.builder().variant("nonesuch").build()));
        assertTrue(e.getMessage().contains("rfc6455") && e.getMessage().contains("hybi00"), e.getMessage());
        e = assertThrows(WebSocketException.class, () -> client.connect(URI.create("http://127.0.0.1:1/")));
        assertTrue(e.getMessage().contains("not a ws:// or wss:// URI"), e.getMessage());
        var f = client.connectAsync(URI.create("ftp://127.0.0.1:1/"), ConnectRequest.defaults())
                .toCompletableFuture();
        assertTrue(f.isCompletedExceptionally());
    }

    @Test
    void connectionRefusedFails() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = ss.getLocalPort();
        }
        assertThrows(IOException.class, () -> TestSupport.client().connect(URI.create("ws://127.0.0.1:" + port)));
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> TestSupport.client().connect(
                    URI.create("ws://127.0.0.1:" + ss.getLocalPort() + "/"),
                    ConnectRequest.builder().timeout(Duration.ofMillis(500)).build()));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 400 && ms < 5000, "timed out after " + ms + " ms");
        }
    }

    /** A raw server that answers one handshake with {@code response} plus whatever {@code after} holds. */
    private static Thread rawServer(ServerSocket ss, String response, byte[] after, boolean keepOpen) {
        Thread t = new Thread(() -> {
            try (Socket s = ss.accept()) {
                String head = Raw.readHead(s.getInputStream());
                String key = Raw.header(head, "Sec-WebSocket-Key");
                byte[] r = response.replace("ACCEPT", Raw.accept(key)).getBytes(StandardCharsets.US_ASCII);
                byte[] all = new byte[r.length + after.length];
                System.arraycopy(r, 0, all, 0, r.length);
                System.arraycopy(after, 0, all, r.length, after.length);
                s.getOutputStream().write(all);
                if (keepOpen) {
                    Raw.readToEnd(s.getInputStream());
                }
            } catch (Exception e) {
                // the test checks the client side
            }
        });
        t.start();
        return t;
    }

    @Test
    void frameRightAfter101IsDelivered() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = rawServer(ss, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: ACCEPT\r\n\r\n",
                    Raw.frame(0x81, "early".getBytes(StandardCharsets.UTF_8), false), true);
            Connection c = TestSupport.client().connect(URI.create("ws://127.0.0.1:" + ss.getLocalPort() + "/"));
            assertEquals("early", c.receiveText());
            c.abort();
            t.join(10_000);
        }
    }

    @Test
    void refusalStatusReachesClient() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = rawServer(ss, "HTTP/1.1 403 Forbidden\r\nContent-Length: 4\r\n\r\nnope", new byte[0], false);
            HandshakeException e = assertThrows(HandshakeException.class, () -> TestSupport.client()
                    .connect(URI.create("ws://127.0.0.1:" + ss.getLocalPort() + "/")));
            assertEquals(403, e.status());
            t.join(10_000);
        }
    }

    @Test
    void wrongAcceptIsRefused() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = rawServer(ss, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n",
                    new byte[0], false);
            assertThrows(HandshakeException.class, () -> TestSupport.client()
                    .connect(URI.create("ws://127.0.0.1:" + ss.getLocalPort() + "/")));
            t.join(10_000);
        }
    }

    @Test
    void garbageResponseIsRefused() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = rawServer(ss, "SSH-2.0-OpenSSH\r\n\r\n", new byte[0], false);
            HandshakeException e = assertThrows(HandshakeException.class, () -> TestSupport.client()
                    .connect(URI.create("ws://127.0.0.1:" + ss.getLocalPort() + "/")));
            assertEquals(0, e.status());
            t.join(10_000);
        }
    }

    @Test
    void connectAsyncCompletes() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO)) {
            Connection c = TestSupport.client().connectAsync(TestSupport.uri(s, "/"), ConnectRequest.defaults())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            c.sendText("async");
            assertEquals("async", c.receiveText());
            c.close();
        }
    }

    @Test
    void defaultClientAndConnectShortcut() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO)) {
            assertTrue(WebSockets.client() == WebSockets.client());
            try (Connection c = WebSockets.connect(TestSupport.uri(s, "/x"))) {
                c.sendText("shared");
                assertEquals("shared", c.receiveText());
            }
        }
    }
}
