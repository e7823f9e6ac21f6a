package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.websocket.api.CloseCodes;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Test;

/**
 * Arbitrary and corrupted input never makes the decoder throw or break the sink contract, and the outcome does not
 * depend on how the input is split.
 */
class FuzzTest {

    private static final List<Integer> ERROR_CODES = List.of(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD,
            CloseCodes.MESSAGE_TOO_BIG);

    /** Decodes in random pieces; every piece must be consumed whole. */
    private static Recorder decode(EngineConfig config, byte[] wire, Random random) {
        byte[] copy = wire.clone();
        FrameEngine engine = new Rfc6455Engine(config);
        Recorder r = new Recorder();
        int off = 0;
        while (off < copy.length) {
            int len = Math.min(copy.length - off, 1 + random.nextInt(random.nextBoolean() ? 4 : 300));
            ByteBuffer in = ByteBuffer.wrap(copy, off, len);
            engine.decode(in, r);
            assertEquals(0, in.remaining());
            off += len;
        }
        return r;
    }

    private static void check(EngineConfig config, byte[] wire, Random random) {
        Recorder whole = Wire.decode(config, wire, Wire.WHOLE);
        Recorder pieces = decode(config, wire, random);
        assertEquals(whole.events, pieces.events, () -> Wire.hex(wire));
        if (whole.errorMessage != null) {
            String last = whole.events.get(whole.events.size() - 1);
            assertTrue(ERROR_CODES.contains(Integer.parseInt(last.substring(6))), last);
        }
    }

    @Test
    void randomBytes() {
        Random random = new Random(42);
        for (int n = 0; n < 3000; n++) {
            byte[] wire = new byte[random.nextInt(200)];
            random.nextBytes(wire);
            check(Wire.server(), wire, random);
            check(Wire.client(1), wire, random);
            check(Wire.server(50, 80), wire, random);
        }
    }

    @Test
    void corruptedValidStreams() {
        Random random = new Random(7);
        for (int n = 0; n < 3000; n++) {
            boolean server = random.nextBoolean();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int frames = 1 + random.nextInt(6);
            for (int f = 0; f < frames; f++) {
                int[] firsts = {0x81, 0x82, 0x01, 0x00, 0x80, 0x89, 0x8A, 0x88};
                byte[] payload = new byte[random.nextInt(random.nextBoolean() ? 10 : 300)];
                for (int i = 0; i < payload.length; i++) {
                    payload[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(26));
                }
                int first = firsts[random.nextInt(firsts.length)];
                if ((first & 0x08) != 0 && payload.length > 125) {
                    payload = Arrays.copyOf(payload, 125);
                }
                out.writeBytes(server ? Wire.masked(first, payload) : Wire.unmasked(first, payload));
            }
            byte[] wire = out.toByteArray();
            for (int flips = random.nextInt(3); flips > 0; flips--) {
                wire[random.nextInt(wire.length)] ^= (byte) (1 << random.nextInt(8));
            }
            check(server ? Wire.server() : Wire.client(1), wire, random);
        }
    }
}
