package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.websocket.api.CloseCodes;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.ExtensionParameters;

import org.junit.jupiter.api.Test;

/**
 * An engine without an extension holds its decoder and encoder only while they are needed: dropped after control
 * frames alone, kept through data and open messages, and never in a way that changes what is decoded or encoded.
 */
class RestingCodecsTest {

    private static final byte[] HELLO = "héllo".getBytes(StandardCharsets.UTF_8);

    private static Recorder feed(Rfc6455Engine engine, byte[] wire, Recorder sink) {
        return Wire.feed(engine, wire, Wire.WHOLE, sink);
    }

    @Test
    void holdsNothingBeforeTheFirstFrameNorAfterAReadOfControlFramesOnly() {
        Rfc6455Engine engine = new Rfc6455Engine(Wire.server());
        assertFalse(engine.holdsDecoder());
        assertFalse(engine.holdsEncoder());
        engine.decode(ByteBuffer.allocate(0), new Recorder());
        assertFalse(engine.holdsDecoder(), "an empty read makes no decoder");

        Recorder sink = feed(engine, Wire.concat(Wire.masked(0x8A, Wire.hex("01 02")),
                Wire.masked(0x89, Wire.hex("03"))), new Recorder());
        assertEquals(List.of("PONG 0102", "PING 03"), sink.events);
        assertFalse(engine.holdsDecoder(), "a read of a pong and a ping leaves nothing held");
        assertFalse(engine.inputClosed());
    }

    @Test
    void keepsTheDecoderWhileAFrameOrMessageIsOpenAndAfterData() {
        Rfc6455Engine engine = new Rfc6455Engine(Wire.server());
        Recorder sink = new Recorder();
        byte[] first = Wire.masked(0x01, Arrays.copyOfRange(HELLO, 0, 2)); // text, not final, cut in é
        byte[] ping = Wire.masked(0x89, Wire.hex("aa"));
        byte[] last = Wire.masked(0x80, Arrays.copyOfRange(HELLO, 2, HELLO.length));
        // the first fragment a byte at a time: a header half read is kept
        Wire.feed(engine, first, 1, sink);
        assertTrue(engine.holdsDecoder());
        // a ping alone in a read while the message is open: kept, with its UTF-8 state
        feed(engine, ping, sink);
        assertTrue(engine.holdsDecoder(), "a message is open");
        feed(engine, last, sink);
        assertEquals(List.of("PING aa", Recorder.text("héllo")), sink.events);
        assertTrue(engine.holdsDecoder(), "the read brought data");
        feed(engine, Wire.masked(0x8A, new byte[0]), sink);
        assertFalse(engine.holdsDecoder(), "a pong after the message");
        // a control frame cut between reads is kept until it is whole
        byte[] pong = Wire.masked(0x8A, Wire.hex("0b 0c 0d"));
        feed(engine, Arrays.copyOfRange(pong, 0, 4), sink);
        assertTrue(engine.holdsDecoder());
        feed(engine, Arrays.copyOfRange(pong, 4, pong.length), sink);
        assertFalse(engine.holdsDecoder());
        assertEquals("PONG 0b0c0d", sink.events.get(sink.events.size() - 1));
    }

    @Test
    void aNewDecoderEnforcesTheSameRules() {
        Rfc6455Engine engine = new Rfc6455Engine(Wire.server(100, 100));
        Recorder sink = feed(engine, Wire.masked(0x89, new byte[0]), new Recorder());
        assertFalse(engine.holdsDecoder());
        // after being dropped: an unmasked frame, a continuation without a message, an oversized frame still fail
        assertEquals("ERROR 1002", feed(engine, Wire.unmasked(0x82, Wire.hex("01")), new Recorder()).events.get(0));
        Rfc6455Engine second = new Rfc6455Engine(Wire.server(100, 100));
        feed(second, Wire.masked(0x8A, new byte[0]), new Recorder());
        assertEquals("ERROR 1002", feed(second, Wire.masked(0x80, Wire.hex("01")), new Recorder()).events.get(0));
        Rfc6455Engine third = new Rfc6455Engine(Wire.server(100, 100));
        feed(third, Wire.masked(0x8A, new byte[0]), new Recorder());
        assertEquals("ERROR 1009", feed(third, Wire.masked(0x82, new byte[101]), new Recorder()).events.get(0));
        assertTrue(third.inputClosed());
        assertTrue(third.holdsDecoder(), "a finished decoder is kept: the input stays closed");
        assertEquals(List.of("PING "), sink.events);
    }

    @Test
    void aCloseFrameIsKeptAsTheEndOfInput() {
        Rfc6455Engine engine = new Rfc6455Engine(Wire.server());
        Recorder sink = feed(engine, Wire.masked(0x88, Wire.hex("03 e8")), new Recorder());
        assertEquals(List.of("CLOSE 1000 "), sink.events);
        assertTrue(engine.inputClosed());
        assertTrue(engine.holdsDecoder());
    }

    @Test
    void dropsTheEncoderAfterControlFramesOnlyAndKeepsWhatMustHold() {
        Rfc6455Engine engine = new Rfc6455Engine(Wire.server());
        ByteBuffer out = ByteBuffer.allocate(256);
        engine.encodePing(ByteBuffer.wrap(Wire.hex("01")), out);
        assertFalse(engine.holdsEncoder(), "a ping alone leaves nothing held");
        engine.encodeData(PayloadType.TEXT, false, ByteBuffer.wrap(HELLO, 0, 2), out);
        engine.encodePong(ByteBuffer.wrap(Wire.hex("02")), out);
        assertTrue(engine.holdsEncoder(), "a message is open");
        // the open message is still known: a new TEXT message is refused, its continuation taken
        assertThrows(IllegalStateException.class,
                () -> engine.encodeData(PayloadType.TEXT, true, ByteBuffer.allocate(0), ByteBuffer.allocate(16)));
        engine.encodeData(PayloadType.CONTINUATION, true, ByteBuffer.wrap(HELLO, 2, HELLO.length - 2), out);
        engine.encodePing(ByteBuffer.wrap(Wire.hex("03")), out);
        assertTrue(engine.holdsEncoder(), "data since the last control frame");
        engine.encodePing(ByteBuffer.wrap(Wire.hex("04")), out);
        assertFalse(engine.holdsEncoder());
        assertThrows(IllegalStateException.class, () -> engine.encodeData(PayloadType.CONTINUATION, true,
                ByteBuffer.allocate(0), ByteBuffer.allocate(16)), "no message is open after a new encoder");
        engine.encodeClose(CloseCodes.NORMAL, "bye", out);
        assertTrue(engine.outputClosed());
        assertThrows(IllegalStateException.class, () -> engine.encodePing(ByteBuffer.allocate(0), out));
        assertTrue(engine.outputClosed(), "the close is kept");
        assertEquals(FrameEncoder.plainFrameLength(false, 7), engine.frameLength(7));

        // what went out decodes as it was sent
        out.flip();
        byte[] wire = new byte[out.remaining()];
        out.get(wire);
        Recorder sink = feed(new Rfc6455Engine(Wire.client(0)), wire, new Recorder());
        assertEquals(List.of("PING 01", "PONG 02", Recorder.text("héllo"), "PING 03", "PING 04", "CLOSE 1000 bye"),
                sink.events);
    }

    @Test
    void aClientMasksEveryFrameAfterItsEncoderWasDropped() {
        Rfc6455Engine client = new Rfc6455Engine(Wire.client(0x11223344));
        ByteBuffer out = ByteBuffer.allocate(256);
        client.encodePing(ByteBuffer.wrap(Wire.hex("01")), out);
        assertFalse(client.holdsEncoder());
        client.encodeData(PayloadType.BINARY, true, ByteBuffer.wrap(Wire.hex("0a 0b")), out);
        assertEquals(FrameEncoder.plainFrameLength(true, 2), client.frameLength(2));
        out.flip();
        byte[] wire = new byte[out.remaining()];
        out.get(wire);
        Recorder sink = Wire.feed(new Rfc6455Engine(Wire.server()), wire, 1, new Recorder());
        assertEquals(List.of("PING 01", Recorder.binary(Wire.hex("0a 0b"))), sink.events);
    }

    @Test
    void keepsBothWithAnExtension() throws Exception {
        TestExtension factory = new TestExtension("x-a", 0x40, 3);
        Rfc6455Engine engine = new Rfc6455Engine(Wire.server(),
                factory.accept(ExtensionParameters.of("x-a"), Wire.server()));
        assertTrue(engine.holdsDecoder());
        assertTrue(engine.holdsEncoder());
        feed(engine, Wire.masked(0x8A, new byte[0]), new Recorder());
        engine.encodePing(ByteBuffer.allocate(0), ByteBuffer.allocate(16));
        assertTrue(engine.holdsDecoder());
        assertTrue(engine.holdsEncoder());
    }
}
