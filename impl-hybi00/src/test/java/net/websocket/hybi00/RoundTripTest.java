package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.websocket.api.CloseCodes;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ServerHandshake;

import org.junit.jupiter.api.Test;

/** A client and a server of this variant talk to each other through byte arrays only. */
class RoundTripTest {

    private final Hybi00Variant variant = new Hybi00Variant();

    @Test
    void handshakeAndMessagesBothWays() throws Exception {
        for (int round = 0; round < 50; round++) {
            ClientHandshake client = variant.startClient(new ClientHandshakeRequest(
                    URI.create("ws://127.0.0.1:9000/echo?x=" + round), Headers.of("Cookie", "id=7"),
                    List.of("chat", "other")), EngineConfig.defaults(EngineConfig.Role.CLIENT));

            // the server reads the request head, then the 8 bytes after it
            Wire.Head requestHead = Wire.parse(client.request());
            HandshakeRequest request = requestHead.toRequest(false);
            assertTrue(variant.matches(request));
            ServerHandshake server = variant.startServer(request,
                    EngineConfig.defaults(EngineConfig.Role.SERVER));
            assertEquals(8, requestHead.body().length);
            server.readBody(ByteBuffer.wrap(requestHead.body()));
            assertEquals(List.of("chat"), server.offeredSubprotocols());
            ByteBuffer responseBytes = server.accept("chat", Headers.of("X-Server", "test"));

            // the client reads the response head, then the 16 bytes after it
            Wire.Head responseHead = Wire.parse(responseBytes);
            assertEquals(client.responseBodyLength(), responseHead.body().length);
            assertEquals("ws://127.0.0.1:9000/echo?x=" + round,
                    responseHead.headers().get("Sec-WebSocket-Location"));
            assertEquals("http://127.0.0.1:9000", responseHead.headers().get("Sec-WebSocket-Origin"));
            FrameEngine clientEngine = client.complete(responseHead.toResponse(),
                    ByteBuffer.wrap(responseHead.body()));
            assertEquals("chat", client.subprotocol());
            FrameEngine serverEngine = server.engine();

            String message = "round " + round + " \u00fc\u4e16\ud83d\ude00";
            assertEquals(List.of("text:" + message), send(clientEngine, serverEngine, message).events);
            assertEquals(List.of("text:" + message + "!"), send(serverEngine, clientEngine, message + "!").events);

            // closing handshake: the client closes, the server answers
            Recorder atServer = new Recorder();
            serverEngine.decode(close(clientEngine), atServer);
            assertEquals(List.of("close:" + CloseCodes.NO_STATUS + ":"), atServer.events);
            Recorder atClient = new Recorder();
            clientEngine.decode(close(serverEngine), atClient);
            assertEquals(List.of("close:" + CloseCodes.NO_STATUS + ":"), atClient.events);
            assertTrue(clientEngine.inputClosed() && clientEngine.outputClosed());
            assertTrue(serverEngine.inputClosed() && serverEngine.outputClosed());
        }
    }

    private static Recorder send(FrameEngine from, FrameEngine to, String message) {
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        ByteBuffer wire = ByteBuffer.allocate(from.frameLength(payload.length));
        from.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(payload), wire);
        wire.flip();
        Recorder r = new Recorder();
        to.decode(wire, r);
        assertFalse(wire.hasRemaining());
        return r;
    }

    private static ByteBuffer close(FrameEngine from) {
        ByteBuffer wire = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
        from.encodeClose(CloseCodes.NORMAL, "done", wire);
        return wire.flip();
    }
}
