package net.websocket.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Message;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;

import org.junit.jupiter.api.Test;

/**
 * Our client against our server over real sockets (127.0.0.1) with permessage-deflate, through a proxy that counts
 * the bytes on the wire.
 */
class CompressedConnectionTest {

    private static final Handler ECHO = c -> {
        for (Message m; (m = c.receive()) != null;) {
            c.send(m);
        }
    };

    /** A TCP relay on 127.0.0.1 that counts the bytes it carries each way. Closes with the test. */
    private static final class CountingProxy implements AutoCloseable {
        final AtomicLong up = new AtomicLong();
        final AtomicLong down = new AtomicLong();
        private final ServerSocket listen;

        CountingProxy(int target) throws IOException {
            listen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Socket a = listen.accept();
                        Socket b = new Socket(InetAddress.getLoopbackAddress(), target);
                        pump(a, b, up);
                        pump(b, a, down);
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "counting-proxy");
            t.setDaemon(true);
            t.start();
        }

        private static void pump(Socket from, Socket to, AtomicLong count) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buf)) > 0;) {
                        count.addAndGet(n);
                        out.write(buf, 0, n);
                    }
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        to.shutdownOutput();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            }, "counting-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listen.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listen.close();
        }
    }

    private static ServerOptions.Builder server() {
        return ServerOptions.builder().address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .ioThreads(1);
    }

    private static String json(int i) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; b.length() < 20_000; k++) {
            b.append("{\"id\":").append(i * 1000 + k).append(",\"name\":\"item ").append(k % 17)
                    .append("\",\"tags\":[\"a\",\"b\"],\"price\":").append(k * 7 % 101).append("},");
        }
        return b.toString();
    }

    @Test
    void compressedEchoOverTheWire() throws Exception {
        try (WebSocketServer server = WebSockets.serve(server().extensions(new PerMessageDeflate()).build(), ECHO);
                CountingProxy proxy = new CountingProxy(server.port())) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(1)
                    .extensions(new PerMessageDeflate()).build());
            long raw = 0;
            try (Connection c = client.connect(URI.create("ws://127.0.0.1:" + proxy.port() + "/"))) {
                assertEquals("permessage-deflate", c.responseHeaders().get("Sec-WebSocket-Extensions"));
                for (int i = 0; i < 30; i++) {
                    String m = json(i);
                    raw += m.length();
                    c.sendText(m);
                    assertEquals(m, c.receiveText());
                }
                Random rnd = new Random(5);
                byte[] noise = new byte[200_000];
                rnd.nextBytes(noise);
                c.sendBinary(noise);
                assertArrayEquals(noise, bytes(c.receiveBinary()));
                // a fragmented message: RSV1 on its first frame, the rest continuation of one stream
                String part = json(99);
                c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)), false);
                c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)),
                        true);
                assertEquals(part + part, c.receiveText());
                c.sendText("");
                assertEquals("", c.receiveText());
            }
            long wire = proxy.up.get() + proxy.down.get();
            long sent = 2 * (raw + 200_000 + 2L * json(99).length());
            System.out.println("compressed echo: " + sent + " bytes of messages, " + wire + " bytes on the wire");
            // JSON compresses to about a tenth, the 400 KB of noise not at all
            assertTrue(wire < 400_000 + 2 * raw / 4, "wire " + wire + " for " + sent);
        }
    }

    @Test
    void serviceLoaderFindsTheExtensionByDefault() throws Exception {
        try (WebSocketServer server = WebSockets.serve(server().build(), ECHO)) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(1).build());
            try (Connection c = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"))) {
                assertEquals("permessage-deflate", c.responseHeaders().get("Sec-WebSocket-Extensions"));
                c.sendText("x".repeat(5000));
                assertEquals("x".repeat(5000), c.receiveText());
            }
        }
    }

    @Test
    void extensionsCanBeTurnedOff() throws Exception {
        try (WebSocketServer server = WebSockets.serve(server().extensions().build(), ECHO)) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(1).build());
            try (Connection c = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"))) {
                assertNull(c.responseHeaders().get("Sec-WebSocket-Extensions"), "offered but declined");
                c.sendText("x".repeat(5000));
                assertEquals("x".repeat(5000), c.receiveText());
            }
        }
    }

    @Test
    void compressionBombIsRefusedWith1009() throws Exception {
        // the server's limit is 64 KiB; our client compresses 1 MiB of zeros into about a kilobyte
        try (WebSocketServer server = WebSockets.serve(server().maxMessageSize(64 * 1024)
                .extensions(new PerMessageDeflate()).build(), ECHO)) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(1)
                    .maxMessageSize(4L << 20).extensions(new PerMessageDeflate()).build());
            try (Connection c = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"))) {
                c.sendBinary(ByteBuffer.allocate(1 << 20));
                assertNull(c.receive());
                assertEquals(CloseCodes.MESSAGE_TOO_BIG, c.closed().toCompletableFuture()
                        .get(10, java.util.concurrent.TimeUnit.SECONDS).code());
            }
        }
    }

    @Test
    void noContextTakeoverBothWays() throws Exception {
        DeflateOptions none = DeflateOptions.builder().serverNoContextTakeover(true).clientNoContextTakeover(true)
                .build();
        try (WebSocketServer server = WebSockets.serve(server().extensions(new PerMessageDeflate(none)).build(),
                ECHO)) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(1)
                    .extensions(new PerMessageDeflate(none)).build());
            try (Connection c = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"))) {
                assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                        c.responseHeaders().get("Sec-WebSocket-Extensions"));
                for (int i = 0; i < 20; i++) {
                    c.sendText(json(i));
                    assertEquals(json(i), c.receiveText());
                }
            }
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
