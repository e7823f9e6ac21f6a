package net.websocket.itest.interop;

import net.websocket.api.CloseStatus;
import net.websocket.api.WebSocketServer;
import net.websocket.examples.ExampleServer;
import net.websocket.examples.TestServerHandler;
import net.websocket.itest.support.Chromium;
import net.websocket.itest.support.InteropCommands;
import net.websocket.itest.support.InteropMatrix.Cells;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.InteropServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium against our server (subclasses: with and without permessage-deflate, which Chromium always
 * offers), through the example page {@code examples/web/client.html} loaded from the
 * file system (origin {@code null}), as a user would open it. The test fills in the page's fields, presses its
 * buttons and reads its log ({@code open ...}, {@code sent: ...}, {@code recv: ...}, {@code close CODE REASON}).
 *
 * <p>The example server ({@link ExampleServer}: {@code /echo}, {@code /test}, {@code /test-server}) serves the plain
 * echoes and the subprotocol greeting; {@link InteropServer} serves what needs a server that acts on command
 * (fragments, pings, closes) or reports what it received. Skipped, saying why, where Chromium or chromedriver is
 * missing. Every browser call is bounded; the browser and chromedriver are killed afterwards.
 */
@ExtendWith(InteropMatrix.Recorder.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class ChromiumContract {

    /** Several MiB, well under both servers' 16 MiB limits. */
    private static final int LARGE = 6 * 1024 * 1024;

    /** How long the page may take to show an expected log line. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(50);

    private static final String LOG_SCRIPT =
            "return Array.from(document.querySelectorAll('#log li'), li => li.textContent);";

    Path page;
    WebSocketServer example;
    InteropServer interop;
    Chromium browser;

    /** How many log lines the current page had when the last expectation was met: later ones are looked at. */
    private int seen;

    /** Whether the servers accept permessage-deflate (found on the class path) or have no extensions. */
    abstract boolean compressed();

    /** This class's row of the interop matrix. */
    String row() {
        return getClass().getAnnotation(InteropMatrix.Row.class).value();
    }

    @BeforeAll
    void start() throws Exception {
        String why = Chromium.unavailableReason();
        assumeTrue(why == null, () -> "Chromium interop skipped: " + why);
        page = Path.of(System.getProperty("itest.examples.web", "../examples/web"), "client.html").toAbsolutePath();
        assertTrue(Files.isRegularFile(page), "the example page is missing: " + page);
        ServerOptions options = ExampleServer.options("127.0.0.1", 0);
        example = WebSockets.serve(compressed() ? options : options.toBuilder().extensions().build(),
                ExampleServer.mapper());
        interop = compressed() ? InteropServer.start() : InteropServer.uncompressed();
        browser = Chromium.start();
        System.out.println("Chromium " + browser.version() + " loads " + page.toUri());
        InteropMatrix.version(row(), "Chromium " + browser.version());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (interop != null) {
            interop.close();
        }
        if (example != null) {
            example.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- the checks

    @Test
    @Cells(InteropMatrix.TEXT)
    void textEcho() throws Exception {
        open(exampleUri("/echo"), "");
        browser.type("#message", "Hello!");
        browser.click("#send");
        expect("sent: Hello!");
        expect("recv: Hello!");
        for (String t : List.of("Grüße, 世界 \uD83D\uDE00", "")) {
            send(t, false);
            expect("recv: " + t);
        }
        // the conversation of /test-server, as the page's own instructions describe it
        open(exampleUri("/test-server"), "");
        send("hi", false);
        expect("recv: " + TestServerHandler.YOU_SAID + "hi");
    }

    @Test
    @Cells(InteropMatrix.BINARY)
    void binaryEcho() throws Exception {
        open(exampleUri("/echo"), "");
        String text = "wörld ☕ \uD83D\uDE00"; // 15 bytes of UTF-8: the page shows them all
        send(text, true);
        String shown = "[binary 15 bytes: " + hex(text.getBytes(StandardCharsets.UTF_8)) + "]";
        expect("sent: " + shown);
        expect("recv: " + shown);
        send("", true);
        expect("recv: [binary 0 bytes]");
    }

    @Test
    @Cells(InteropMatrix.LARGE)
    void largeMessages() throws Exception {
        StringBuilder sb = new StringBuilder(LARGE);
        Random r = new Random(11);
        while (sb.length() < LARGE) {
            sb.append(r.nextInt(10) == 0 ? "€" : String.valueOf((char) ('a' + r.nextInt(26))));
        }
        String text = sb.toString();
        open(interop.uri("/echo"), "");
        send(text, false);
        expect("recv: [" + LARGE + " characters] " + text.substring(0, 100) + "..." + text.substring(LARGE - 100));
        assertEquals(text, interop.lastEchoed(), "what the server received from the browser");

        StringBuilder ascii = new StringBuilder(LARGE);
        while (ascii.length() < LARGE) {
            ascii.append((char) ('!' + r.nextInt(94)));
        }
        byte[] bytes = ascii.toString().getBytes(StandardCharsets.US_ASCII);
        send(ascii.toString(), true);
        expect("recv: [binary " + LARGE + " bytes: " + hex(java.util.Arrays.copyOf(bytes, 16)) + " ...]");
        Object received = interop.lastEchoed();
        assertTrue(received instanceof byte[], "the server received " + received);
        assertArrayEquals(bytes, (byte[]) received, "what the server received from the browser");
    }

    @Test
    @Cells(InteropMatrix.FRAGMENTED)
    void fragmentedFromServer() throws Exception {
        open(interop.uri("/echo"), "");
        // three fragments, the first boundary inside the two bytes of 'ï'
        String text = "fragments: naïve café ☕ end";
        send(InteropCommands.fragmentMe(text), false);
        expect("recv: " + text);
    }

    @Test
    @Cells(InteropMatrix.PING_PONG)
    void serverPingsBrowser() throws Exception {
        open(interop.uri("/echo"), "");
        // the server pings; the browser answers by itself; the server says so once the pong arrived
        send(InteropCommands.pingMe("browser-1"), false);
        expect("recv: pong:browser-1");
        send(InteropCommands.pingMe(""), false);
        expect("recv: pong:");
    }

    @Test
    @Cells(InteropMatrix.SUBPROTOCOL)
    void subprotocols() throws Exception {
        String opened = open(exampleUri("/test"), ExampleServer.SUBPROTOCOL);
        assertTrue(opened.startsWith("open subprotocol " + ExampleServer.SUBPROTOCOL), opened);
        expect("recv: " + ExampleServer.WITH_SUBPROTOCOL);

        opened = open(exampleUri("/test"), "");
        assertTrue(opened.equals("open") || opened.startsWith("open extensions"), opened);
        expect("recv: " + ExampleServer.WITHOUT_SUBPROTOCOL);

        opened = open(interop.uri("/proto"), "x.chat, v2.chat, v1.chat");
        assertTrue(opened.startsWith("open subprotocol v2.chat"), "the first offered one the server has: " + opened);
        expect("recv: subprotocol=v2.chat");

        // only subprotocols the server does not have: the handshake is refused (400), the page sees 1006
        navigate(exampleUri("/test"), "nope");
        browser.click("#connect");
        expectThat("a failed connection", l -> l.startsWith("close 1006"));
    }

    @Test
    @Cells(InteropMatrix.CLOSE_CODES)
    void closeCodes() throws Exception {
        // the browser closes with 4000 and a reason; the server sees both and answers with the code
        open(interop.uri("/echo"), "");
        browser.type("#close-code", "4000");
        browser.type("#close-reason", "browser bye");
        browser.click("#disconnect");
        expectThat("close 4000", l -> l.startsWith("close 4000"));
        CloseStatus seen = serverSawClose(4000);
        assertEquals("browser bye", seen.reason());
        assertTrue(seen.remote(), seen.toString());

        // the server closes with a code and reason the page shows
        open(interop.uri("/echo"), "");
        send(InteropCommands.close(4002, "server bye ✓"), false);
        expect("close 4002 server bye ✓");

        // the example conversation's end: "goodbye", then a normal close
        open(exampleUri("/test-server"), "");
        send(TestServerHandler.GOODBYE_REQUEST, false);
        expect("recv: " + TestServerHandler.GOODBYE);
        expectThat("close 1000", l -> l.startsWith("close 1000"));
    }

    // ------------------------------------------------------------------------------------------------ the page

    URI exampleUri(String path) {
        return URI.create("ws://127.0.0.1:" + example.port() + path);
    }

    /** Loads the page with the URL and subprotocols in its address. */
    void navigate(URI ws, String protocols) throws Exception {
        String query = "?url=" + URLEncoder.encode(ws.toString(), StandardCharsets.UTF_8)
                + (protocols.isEmpty() ? "" : "&protocols=" + URLEncoder.encode(protocols, StandardCharsets.UTF_8));
        browser.navigate(URI.create(page.toUri() + query));
        seen = 0;
        assertEquals(ws.toString(), browser.execute("return document.getElementById('url').value;"),
                "the page took the URL from its address");
    }

    /**
     * Loads the page, connects, waits for the page to say the connection is open and returns that line; checks that
     * permessage-deflate was agreed when {@link #compressed()}, and that no extension was otherwise.
     */
    String open(URI ws, String protocols) throws Exception {
        navigate(ws, protocols);
        browser.click("#connect");
        expectThat("open", l -> l.startsWith("open"));
        String line = log().get(seen - 1);
        System.out.println("Chromium " + ws + ": " + line);
        if (compressed()) {
            assertTrue(line.contains(" extensions permessage-deflate"), "permessage-deflate agreed: " + line);
        } else {
            assertFalse(line.contains(" extensions "), "no extension agreed: " + line);
        }
        return line;
    }

    /**
     * The close {@code /echo} of the interop server saw with {@code code}, waiting for it; closes of pages left
     * before (1001, going away) are passed over.
     */
    CloseStatus serverSawClose(int code) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            CloseStatus s = interop.closes().poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            if (s != null && s.code() == code) {
                return s;
            }
        }
        return fail("the server saw no close with " + code + " within " + WAIT);
    }

    /** Puts {@code text} in the message field (set by script: it may be large or outside what keys can type). */
    void send(String text, boolean binary) throws Exception {
        browser.execute("document.getElementById('message').value = arguments[0];"
                + "document.getElementById('binary').checked = arguments[1];", text, binary);
        browser.click("#send");
    }

    void expect(String line) throws Exception {
        expectThat('"' + abbreviate(line) + '"', line::equals);
    }

    /** Waits for a log line after those already matched that {@code p} accepts. */
    void expectThat(String what, Predicate<String> p) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> log;
        do {
            log = log();
            for (int i = seen; i < log.size(); i++) {
                if (p.test(log.get(i))) {
                    seen = i + 1;
                    return;
                }
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < deadline);
        fail("the page did not show " + what + " within " + WAIT + "; its log after line " + seen + ":\n"
                + String.join("\n", log.subList(Math.min(seen, log.size()), log.size()).stream()
                        .map(ChromiumContract::abbreviate).toList()));
    }

    List<String> log() throws Exception {
        return ((List<?>) browser.execute(LOG_SCRIPT)).stream().map(String::valueOf).toList();
    }

    /** Bytes as the page shows them: two hex digits each, separated by spaces. */
    static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(b.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xFF));
        }
        return b.toString();
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " characters)";
    }
}
