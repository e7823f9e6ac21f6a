package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.hybi00.Hybi00Variant;
import net.websocket.hybi00.Hybi00Variant.Framing;
import net.websocket.nio.WebSockets;

/**
 * Racket's {@code 'new} framing end to end: a server and a client whose hybi-00 variant is configured with the
 * length-prefixed framing echo through the runtime, and the bytes on the wire are a type byte, an 8-byte length and
 * the payload.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Hybi00LengthPrefixedTest {

    static final Hybi00Variant NEW_FRAMING = new Hybi00Variant(Framing.LENGTH_PREFIXED);
    static final ConnectRequest HYBI = ConnectRequest.builder().variant(ConnectRequest.HYBI00).build();

    /** RFC 6455 as the runtime finds it (the runtime's module does not read the variant's). */
    static final ProtocolVariant RFC6455 = VariantSource.serviceLoader().variants().stream()
            .filter(v -> v.name().equals("rfc6455")).findFirst().orElseThrow();

    static WebSocketServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WebSockets.serve(TestSupport.options().build(), () -> ServiceMapper.single(TestSupport.ECHO),
                VariantSource.of(RFC6455, NEW_FRAMING));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WebSocketClient client() {
        return WebSockets.client(ClientOptions.builder().closeTimeout(Duration.ofSeconds(3)).build(),
                VariantSource.of(NEW_FRAMING));
    }

    @Test
    void ourClientAndServerEchoInTheNewFraming() throws Exception {
        try (Connection c = client().connect(TestSupport.uri(server, "/"), HYBI)) {
            assertEquals("hybi00", c.variant());
            for (String s : new String[] { "hello \u00e9", "", "\u00ff".repeat(100_000) }) {
                c.sendText(s);
                assertEquals(s, c.receiveText());
            }
            c.close();
            assertNull(c.receive());
            CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1005, st.code(), st.toString());
        }
    }

    @Test
    void theWireCarriesATypeByteAnEightByteLengthAndThePayload() throws Exception {
        String request = "GET /demo HTTP/1.1\r\nHost: example.com\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n"
                + "Upgrade: WebSocket\r\nSec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\nOrigin: http://example.com\r\n\r\n";
        try (Socket s = Raw.open(server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write("^n:ds[4U".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = Raw.readHead(in);
            assertTrue(response.startsWith("HTTP/1.1 101 "), response);
            assertEquals("8jKS'y:G*Co,Wxa-", new String(in.readNBytes(16), StandardCharsets.US_ASCII));

            byte[] payload = "h\u00e9".getBytes(StandardCharsets.UTF_8);
            byte[] frame = ByteBuffer.allocate(1 + 8 + payload.length).put((byte) 0).putLong(payload.length)
                    .put(payload).array();
            out.write(frame);
            out.flush();
            assertArrayEquals(frame, in.readNBytes(frame.length), "the echo, framed the same way");

            out.write(ByteBuffer.allocate(9).put((byte) 0xFF).putLong(0).array());
            out.flush();
            assertArrayEquals(ByteBuffer.allocate(9).put((byte) 0xFF).putLong(0).array(), in.readNBytes(9),
                    "the close frame answered");
            assertEquals(-1, in.read(), "then the server closes the connection");
        }
    }
}
