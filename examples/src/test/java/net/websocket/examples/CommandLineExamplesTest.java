package net.websocket.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command-line examples, run in process against a started example server, with stdin and stdout redirected. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommandLineExamplesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static WebSocketServer server;
    private static String base;
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        server = ExampleServer.start("127.0.0.1", 0);
        base = "ws://127.0.0.1:" + server.port();
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "example-under-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        pool.shutdownNow();
    }

    /** Runs {@link Main} with these arguments and stdin in the background. */
    private static Future<Integer> main(InputStream stdin, Capture out, Capture err, String... args) {
        return pool.submit(() -> Main.run(args, stdin, out.stream, err.stream));
    }

    private static int exit(Future<Integer> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------- Client

    @Test
    void clientSendsLinesPrintsRepliesAndTheServersClose() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        Capture out = new Capture();
        Capture err = new Capture();
        Future<Integer> f = main(stdin, out, err, "connect", base + "/test-server");
        try {
            out.await("connected to " + base + "/test-server (rfc6455, no subprotocol)", WAIT);
            typing.write("hello\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            out.await("< You said: hello\n", WAIT);
            typing.write("goodbye\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            out.await("< Goodbye!\n", WAIT);
            assertEquals(0, exit(f), err.text());
            assertTrue(out.text().contains("closed: 1000 (normal closure)"), out.text());
        } finally {
            typing.close();
        }
    }

    @Test
    void clientClosesWith1000AtEndOfInput() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        Capture out = new Capture();
        Capture err = new Capture();
        Future<Integer> f = main(stdin, out, err, "connect", base + "/echo");
        out.await("connected to", WAIT);
        typing.write("ping me\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        out.await("< ping me\n", WAIT);
        typing.close(); // end of input
        assertEquals(0, exit(f), err.text());
        assertTrue(out.text().contains("closed: 1000"), out.text());
    }

    @Test
    void clientOffersSubprotocolsAndHeaders() throws Exception {
        Capture out = new Capture();
        Capture err = new Capture();
        PipedOutputStream typing = new PipedOutputStream();
        Future<Integer> f = main(new PipedInputStream(typing), out, err, "connect", base + "/test",
                "--subprotocol", "other", "--subprotocol", "subprotocol", "--header", "X-Example: yes");
        try {
            out.await("(rfc6455, subprotocol subprotocol)", WAIT);
            out.await("< You requested a subprotocol\n", WAIT);
        } finally {
            typing.close();
        }
        assertEquals(0, exit(f), err.text());
    }

    @Test
    void clientSpeaksHybi00() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        Capture out = new Capture();
        Capture err = new Capture();
        Future<Integer> f = main(new PipedInputStream(typing), out, err, "connect", "--variant", "hybi00",
                base + "/test-server");
        try {
            out.await("(hybi00, no subprotocol)", WAIT);
            typing.write("old times\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            out.await("< You said: old times\n", WAIT);
        } finally {
            typing.close();
        }
        assertEquals(0, exit(f), err.text());
    }

    @Test
    void clientReportsARefusedHandshake() throws Exception {
        Capture out = new Capture();
        Capture err = new Capture();
        Future<Integer> f = main(InputStream.nullInputStream(), out, err, "connect", base + "/origin-echo",
                "--header", "Origin: http://evil.example");
        assertEquals(1, exit(f));
        assertTrue(err.text().contains("HTTP 403"), err.text());
    }

    // ---------------------------------------------------------------------------------------------- Cat

    @Test
    void catPipesLines() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        Capture out = new Capture();
        Capture err = new Capture();
        Future<Integer> f = main(new PipedInputStream(typing), out, err, "cat", base + "/echo");
        typing.write("one\ntwo\nthree ✓\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        out.await("three ✓\n", WAIT);
        typing.close(); // end of input: close with 1000
        assertEquals(0, exit(f), err.text());
        assertEquals("one\ntwo\nthree ✓\n", out.text());
        assertEquals("", err.text());
    }

    @Test
    void catPipesRawBytes() throws Exception {
        byte[] data = new byte[200_000];
        new java.util.Random(13).nextBytes(data);
        PipedOutputStream typing = new PipedOutputStream();
        Capture out = new Capture();
        Capture err = new Capture();
        Future<Integer> f = main(new PipedInputStream(typing, 8192), out, err, "cat", "--binary", base + "/echo");
        typing.write(data);
        typing.flush();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (out.bytes().length < data.length && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        typing.close();
        assertEquals(0, exit(f), err.text());
        assertArrayEquals(data, out.bytes());
    }

    @Test
    void catEndsWhenTheServerCloses() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        Capture out = new Capture();
        Capture err = new Capture();
        Future<Integer> f = main(new PipedInputStream(typing), out, err, "cat", base + "/test-server");
        try {
            typing.write("goodbye\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            assertEquals(0, exit(f), err.text()); // stdin still open: the server's close ends it
            assertTrue(out.text().endsWith("Goodbye!\n"), out.text());
        } finally {
            typing.close();
        }
    }

    /**
     * End of input while many echoes are still on their way back: every one must still arrive before the server's
     * close (RFC 6455 section 5.5.1: after sending a close frame, an endpoint still receives data until the peer's
     * close).
     */
    @Test
    void catKeepsEveryEchoThatArrivesBeforeTheServersClose() throws Exception {
        byte[] data = new byte[8 << 20];
        new java.util.Random(6455).nextBytes(data);
        Capture out = new Capture();
        Capture err = new Capture();
        Future<Integer> f = main(new ByteArrayInputStream(data), out, err, "cat", "--binary", base + "/echo");
        assertEquals(0, f.get(30, TimeUnit.SECONDS), err.text());
        byte[] echoed = out.bytes();
        assertEquals(data.length, echoed.length, "bytes echoed");
        assertArrayEquals(data, echoed);
    }

    // -------------------------------------------------------------------------------------- time clients

    @Test
    void timeClientWithThreadsPrintsCountTimes() throws Exception {
        Capture out = new Capture();
        int printed = TimeClientThreads.run(URI.create(base + "/time"), 2, out.stream);
        assertEquals(2, printed);
        assertTimes(out.text(), 2);
    }

    @Test
    void timeClientAsyncPrintsCountTimes() throws Exception {
        Capture out = new Capture();
        int printed = TimeClientAsync.run(URI.create(base + "/time"), 2, out.stream);
        assertEquals(2, printed);
        assertTimes(out.text(), 2);
    }

    @Test
    void timeClientCommand() throws Exception {
        Capture out = new Capture();
        Capture err = new Capture();
        assertEquals(0, exit(main(InputStream.nullInputStream(), out, err,
                "time-client", "--async", "--count", "1", base + "/time")), err.text());
        assertTimes(out.text(), 1);
    }

    private static void assertTimes(String output, int count) {
        Matcher m = Pattern.compile("Got message: (\\S+)").matcher(output);
        int n = 0;
        while (m.find()) {
            java.time.OffsetDateTime.parse(m.group(1));
            n++;
        }
        assertEquals(count, n, output);
        assertTrue(output.startsWith("Connected to "), output);
        assertTrue(output.contains("Disconnected: 1000"), output);
    }

    // ------------------------------------------------------------------------------------------ HelloServer

    @Test
    void helloServerSaysHelloAndCloses() throws Exception {
        try (WebSocketServer hello = HelloServer.start("127.0.0.1", 0)) {
            Connection c = WebSockets.connect(URI.create("ws://127.0.0.1:" + hello.port() + "/any/path"));
            assertEquals("Hello world!", c.receive(WAIT).text());
            assertNull(c.receive(WAIT));
            assertEquals(CloseCodes.NORMAL,
                    c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS).code());
        }
    }

    // ------------------------------------------------------------------------------------------------ Main

    @Test
    void mainUsageAndExitCodes() throws Exception {
        Capture out = new Capture();
        Capture err = new Capture();
        assertEquals(2, Main.run(new String[0], InputStream.nullInputStream(), out.stream, err.stream));
        assertTrue(err.text().contains("usage: ws <command>"), err.text());
        assertEquals(2, Main.run(new String[] {"frobnicate"}, InputStream.nullInputStream(), out.stream,
                err.stream));
        assertTrue(err.text().contains("unknown command 'frobnicate'"), err.text());
        assertEquals(0, Main.run(new String[] {"help"}, InputStream.nullInputStream(), out.stream, err.stream));
        assertTrue(out.text().contains("testee-client --url BASE --agent NAME"), out.text());
        assertEquals(2, Main.run(new String[] {"connect"}, InputStream.nullInputStream(), out.stream, err.stream));
        assertEquals(2, Main.run(new String[] {"connect", "http://x/"}, InputStream.nullInputStream(), out.stream,
                err.stream));
        assertEquals(2, Main.run(new String[] {"serve", "--port", "x"}, InputStream.nullInputStream(), out.stream,
                err.stream));
        assertEquals(2, Main.run(new String[] {"serve", "--port", "70000"}, InputStream.nullInputStream(),
                out.stream, err.stream));
        assertEquals(2, Main.run(new String[] {"cat", base + "/echo", "--bogus"}, InputStream.nullInputStream(),
                out.stream, err.stream));
        assertEquals(2, Main.run(new String[] {"connect", base + "/echo", "--header", "no colon"},
                InputStream.nullInputStream(), out.stream, err.stream));
        for (String bad : new String[] {"socks://127.0.0.1:1080", "127.0.0.1:3128", "http://127.0.0.1:3128/path"}) {
            assertEquals(2, Main.run(new String[] {"cat", base + "/echo", "--proxy", bad},
                    InputStream.nullInputStream(), out.stream, err.stream));
            assertEquals(2, Main.run(new String[] {"connect", base + "/echo", "--proxy", bad},
                    InputStream.nullInputStream(), out.stream, err.stream));
        }
        assertTrue(err.text().contains("--proxy needs http://HOST:PORT"), err.text());
    }

    @Test
    void theClientsGoThroughTheProxyOfTheProxyOption() throws Exception {
        // a "proxy" that refuses every tunnel with 403: the refusal shows the connect went to it
        try (java.net.ServerSocket proxy = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread answer = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (java.net.Socket s = proxy.accept()) {
                        s.getInputStream().read(new byte[1024]);
                        s.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            answer.setDaemon(true);
            answer.start();
            for (String command : new String[] {"cat", "connect"}) {
                Capture out = new Capture();
                Capture err = new Capture();
                assertEquals(1, Main.run(new String[] {command, base + "/echo", "--proxy",
                    "http://127.0.0.1:" + proxy.getLocalPort()}, InputStream.nullInputStream(), out.stream,
                        err.stream));
                assertTrue(err.text().contains("(HTTP 403)") && err.text().contains("the proxy 127.0.0.1:"
                        + proxy.getLocalPort() + " refused the tunnel"), err.text());
            }
        }
    }

    @Test
    void mainReportsAFailedConnection() throws Exception {
        // a port nothing listens on: bind one, note it, free it
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Capture out = new Capture();
        Capture err = new Capture();
        assertEquals(1, Main.run(new String[] {"cat", "ws://127.0.0.1:" + port + "/"}, InputStream.nullInputStream(),
                out.stream, err.stream));
        assertTrue(err.text().contains("cannot connect"), err.text());
    }
}
