package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.websocket.api.CloseCodes;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Test;

/** What one engine encodes, the engine of the other role decodes to the same messages, however it is split. */
class RoundTripTest {

    private static final int[] SIZES = {0, 1, 7, 8, 9, 125, 126, 127, 1000, 65535, 65536, 65537, 200_000};

    private static byte[] randomText(Random random, int bytes) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        while (n < bytes) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0xA0 + random.nextInt(0x700);
                case 2 -> 0x3000 + random.nextInt(0x1000);
                default -> 0x1F300 + random.nextInt(0x300);
            };
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (n + len > bytes) {
                cp = 'a';
                len = 1;
            }
            sb.appendCodePoint(cp);
            n += len;
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Encodes each message, fragmented at random points, and returns the wire bytes. */
    private static byte[] encode(FrameEngine engine, List<byte[]> messages, List<Boolean> text, Random random,
            boolean fragment) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int m = 0; m < messages.size(); m++) {
            byte[] msg = messages.get(m);
            int off = 0;
            boolean first = true;
            do {
                int len = fragment && msg.length > 0 ? random.nextInt(msg.length - off + 1) : msg.length - off;
                if (fragment && random.nextInt(3) == 0) {
                    len = msg.length - off;
                }
                boolean fin = off + len == msg.length;
                PayloadType type = !first ? PayloadType.CONTINUATION
                        : text.get(m) ? PayloadType.TEXT : PayloadType.BINARY;
                ByteBuffer out = ByteBuffer.allocate(engine.frameLength(len));
                engine.encodeData(type, fin, ByteBuffer.wrap(msg, off, len).slice(), out);
                assertEquals(0, out.remaining());
                wire.writeBytes(out.array());
                if (fragment && random.nextInt(4) == 0) {
                    ByteBuffer ping = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
                    engine.encodePing(ByteBuffer.wrap(new byte[] {(byte) m}), ping);
                    wire.write(ping.array(), 0, ping.position());
                }
                off += len;
                first = false;
                if (fin) {
                    break;
                }
            } while (true);
        }
        ByteBuffer close = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
        engine.encodeClose(CloseCodes.NORMAL, "done", close);
        wire.write(close.array(), 0, close.position());
        return wire.toByteArray();
    }

    /** Decodes in random chunk sizes. */
    private static Recorder decode(FrameEngine engine, byte[] wire, Random random) {
        Recorder r = new Recorder();
        int off = 0;
        while (off < wire.length) {
            int len = Math.min(wire.length - off, random.nextInt(4) == 0 ? 1 + random.nextInt(3)
                    : 1 + random.nextInt(70_000));
            ByteBuffer in = ByteBuffer.wrap(wire, off, len);
            engine.decode(in, r);
            assertEquals(0, in.remaining());
            off += len;
        }
        return r;
    }

    private static void roundTrip(EngineConfig from, EngineConfig to, long seed, boolean fragment) {
        Random random = new Random(seed);
        List<byte[]> messages = new ArrayList<>();
        List<Boolean> text = new ArrayList<>();
        for (int size : SIZES) {
            boolean isText = random.nextBoolean();
            byte[] b;
            if (isText) {
                b = randomText(random, size);
            } else {
                b = new byte[size];
                random.nextBytes(b);
            }
            messages.add(b);
            text.add(isText);
        }
        for (int i = 0; i < 20; i++) {
            byte[] b = new byte[random.nextInt(3000)];
            random.nextBytes(b);
            messages.add(b);
            text.add(false);
        }
        byte[] wire = encode(new Rfc6455Engine(from), messages, text, random, fragment);
        byte[] copy = wire.clone();
        FrameEngine receiver = new Rfc6455Engine(to);
        Recorder r = decode(receiver, copy, random);
        assertEquals(messages.size(), r.messages.size(), r.events.toString());
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(messages.get(i), r.messages.get(i), "message " + i);
        }
        assertEquals("CLOSE 1000 done", r.events.get(r.events.size() - 1));
        assertEquals(true, receiver.inputClosed());
    }

    private static EngineConfig client(Random random) {
        return new EngineConfig(EngineConfig.Role.CLIENT, EngineConfig.DEFAULT_LIMIT, EngineConfig.DEFAULT_LIMIT,
                random::nextInt);
    }

    @Test
    void clientToServer() {
        for (long seed = 0; seed < 3; seed++) {
            roundTrip(client(new Random(seed)), Wire.server(), seed, false);
            roundTrip(client(new Random(seed)), Wire.server(), seed, true);
        }
    }

    @Test
    void serverToClient() {
        for (long seed = 10; seed < 13; seed++) {
            roundTrip(Wire.server(), client(new Random(seed)), seed, false);
            roundTrip(Wire.server(), client(new Random(seed)), seed, true);
        }
    }
}
