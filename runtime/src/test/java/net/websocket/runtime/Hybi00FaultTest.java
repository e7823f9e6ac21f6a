package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.ConnectRequest;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * Bad hybi-00 handshakes and frames each get their documented answer, while a well-behaved RFC 6455 connection and
 * a well-behaved hybi-00 connection on the same server keep exchanging messages and lose none.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Hybi00FaultTest {

    /** Small, so the oversize case takes few bytes. */
    private static final int LIMIT = 64 * 1024;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

    /** The draft's own worked example (section 1.3): its keys, key3, and the 16-byte answer it expects. */
    private static final String KEY1 = "4 @1  46546xW%0l 1 5";
    private static final String KEY2 = "12998 5 Y3 1  .P00";
    private static final byte[] KEY3 = "^n:ds[4U".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ANSWER = "8jKS'y:G*Co,Wxa-".getBytes(StandardCharsets.ISO_8859_1);

    static WebSocketServer server;
    static WebSocketClient client;
    private Bystander rfc6455;
    private Bystander hybi00;

    @BeforeAll
    static void start() throws Exception {
        server = WebSockets.serve(TestSupport.options().handshakeTimeout(HANDSHAKE_TIMEOUT).maxFrameSize(LIMIT)
                .maxMessageSize(LIMIT).build(), ServiceMapper.single(TestSupport.ECHO));
        client = TestSupport.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void bystanders() throws Exception {
        rfc6455 = Bystander.start(client, TestSupport.uri(server, "/echo"));
        hybi00 = Bystander.start(client, TestSupport.uri(server, "/echo"),
                ConnectRequest.builder().variant(ConnectRequest.HYBI00).build());
    }

    @AfterEach
    void bystandersLostNothing() throws Exception {
        rfc6455.finish();
        hybi00.finish();
    }

    @Test
    void missingKey3GetsNoAnswerAndIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (Socket s = socket()) {
            s.getOutputStream().write(head(KEY1, KEY2, ""));
            long t0 = System.nanoTime();
            byte[] got = readToEnd(s);
            assertEquals(0, got.length, "no answer without key3: " + text(got));
            assertTrue(System.nanoTime() - t0 >= HANDSHAKE_TIMEOUT.toNanos() / 2, "closed only at the timeout");
        }
    }

    @Test
    void partOfKey3IsNotEnough() throws Exception {
        try (Socket s = socket()) {
            s.getOutputStream().write(head(KEY1, KEY2, ""));
            s.getOutputStream().write(Arrays.copyOf(KEY3, 4));
            assertEquals(0, readToEnd(s).length);
        }
    }

    @Test
    void keyWithoutSpacesIsABadRequest() throws Exception {
        assertStatus(400, exchange(head("1234567", KEY2, ""), KEY3));
    }

    @Test
    void keyThatIsNotAMultipleOfItsSpacesIsABadRequest() throws Exception {
        assertStatus(400, exchange(head("1 2 3", KEY2, ""), KEY3)); // 123 / 2 spaces is no integer
    }

    @Test
    void oversizedHeadIsRefusedWith431() throws Exception {
        String big = "X-Filler: " + "a".repeat(10_000) + "\r\n";
        assertStatus(431, exchange(head(KEY1, KEY2, big), KEY3));
    }

    @Test
    void theDraftsExampleIsAnsweredWithItsChallengeResponse() throws Exception {
        try (Socket s = opened()) {
            s.getOutputStream().write(new byte[] {0x00, 'h', 'i', (byte) 0xFF});
            byte[] echo = s.getInputStream().readNBytes(4);
            assertArrayEquals(new byte[] {0x00, 'h', 'i', (byte) 0xFF}, echo);
        }
    }

    @Test
    void invalidUtf8ClosesThatConnectionOnly() throws Exception {
        try (Socket s = opened()) {
            s.getOutputStream().write(new byte[] {0x00, 'o', 'k', (byte) 0xC0, (byte) 0xAF, (byte) 0xFF});
            assertClosedWithCloseFrameAtMost(readToEnd(s));
        }
    }

    @Test
    void oversizedMessageClosesThatConnectionOnly() throws Exception {
        try (Socket s = opened()) {
            OutputStream out = s.getOutputStream();
            out.write(0x00);
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) 'a');
            try {
                for (int sent = 0; sent <= LIMIT + chunk.length; sent += chunk.length) {
                    out.write(chunk);
                }
                out.write(0xFF);
            } catch (IOException closedWhileSending) {
                // the server may close before we finish: that is the refusal
            }
            assertClosedWithCloseFrameAtMost(readToEnd(s));
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static Socket socket() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** A socket past a successful hybi-00 handshake (the draft's example), its 101 head and answer checked. */
    private static Socket opened() throws IOException {
        Socket s = socket();
        s.getOutputStream().write(head(KEY1, KEY2, ""));
        s.getOutputStream().write(KEY3);
        InputStream in = s.getInputStream();
        String head = readHead(in);
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        assertArrayEquals(ANSWER, in.readNBytes(16), "the draft's challenge answer");
        return s;
    }

    private static byte[] head(String key1, String key2, String extra) {
        return ("GET /echo HTTP/1.1\r\nHost: example.com\r\nConnection: Upgrade\r\nUpgrade: WebSocket\r\n"
                + "Origin: http://example.com\r\nSec-WebSocket-Key1: " + key1 + "\r\nSec-WebSocket-Key2: " + key2
                + "\r\n" + extra + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] exchange(byte[] head, byte[] body) throws IOException {
        try (Socket s = socket()) {
            try {
                s.getOutputStream().write(head);
                s.getOutputStream().write(body);
            } catch (IOException refusedEarly) {
                // an oversized head may be refused before all of it is written
            }
            return readToEnd(s);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private static byte[] readToEnd(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = s.getInputStream().read(buf)) >= 0;) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection; got " + text(out.toByteArray()));
        } catch (IOException reset) {
            // a reset after the answer is a close too
        }
        return out.toByteArray();
    }

    private static void assertStatus(int status, byte[] response) {
        String r = text(response);
        assertTrue(r.startsWith("HTTP/1.1 " + status + " "), "expected " + status + ", got: " + r);
    }

    /** hybi-00 has no status on close: the server may send its closing frame (FF 00), then must close. */
    private static void assertClosedWithCloseFrameAtMost(byte[] rest) {
        assertTrue(rest.length == 0 || Arrays.equals(rest, new byte[] {(byte) 0xFF, 0x00}),
                "after a bad frame only a closing frame may come: " + Arrays.toString(rest));
    }

    private static String text(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
