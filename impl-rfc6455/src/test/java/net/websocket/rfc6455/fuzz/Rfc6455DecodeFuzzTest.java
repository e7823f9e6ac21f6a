package net.websocket.rfc6455.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.websocket.api.CloseCodes;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Timeout;
import net.websocket.testsupport.EventLog;
import net.websocket.testsupport.FuzzLayout;

/**
 * Fuzzes the RFC 6455 frame decoder of both roles through the public SPI, and its UTF-8 validation against the
 * JDK's decoder.
 *
 * <p>Each input is decoded twice, whole and split at fuzz-chosen points into buffers of different kinds; both runs
 * must report the same events. {@link EventLog} checks every event against the sink contract and the configured
 * limits, and only the documented errors may end the input; any exception escaping the engine fails the test. The
 * inputs under {@code Rfc6455DecodeFuzzTestInputs} are replayed in every build; {@code scripts/fuzz} fuzzes.
 */
@Timeout(FuzzLimits.SECONDS_PER_INPUT)
class Rfc6455DecodeFuzzTest {

    /** Limits high enough that no text fuzz input reaches them: only validity decides. */
    private static final long NO_LIMIT = 1 << 20;

    /** Frames from a client, masked, as a server engine reads them. Input as in {@link FuzzLayout}. */
    @FuzzTest
    void serverFrames(byte[] data) {
        decodeBothWays(FuzzLayout.parse(data), Engines::server);
    }

    /** Frames from a server, unmasked, as a client engine reads them. Input as in {@link FuzzLayout}. */
    @FuzzTest
    void clientFrames(byte[] data) {
        decodeBothWays(FuzzLayout.parse(data), Engines::client);
    }

    private static void decodeBothWays(FuzzLayout in, BiFunction<Long, Long, FrameEngine> engines) {
        // a piece never spans frames, so no piece may be longer than a frame may be
        EventLog whole = new EventLog(in.maxFrame(), in.maxMessage());
        Engines.decode(engines.apply(in.maxFrame(), in.maxMessage()), ByteBuffer.wrap(in.wire().clone()), whole);

        EventLog split = new EventLog(in.maxFrame(), in.maxMessage());
        FrameEngine engine = engines.apply(in.maxFrame(), in.maxMessage());
        int from = 0;
        int[] splits = in.splits();
        for (int i = 0; i <= splits.length; i++) {
            int to = i < splits.length ? splits[i] : in.wire().length;
            Engines.decode(engine, in.piece(i, from, to), split);
            from = to;
        }
        assertEquals(whole.events, split.events,
                () -> "events depend on the split " + Arrays.toString(splits) + " of " + hex(in.wire()));
    }

    /**
     * A text message's validity as the decoder judges it equals the JDK's strict UTF-8 decoder's verdict on the
     * same bytes, whether the message comes in one frame, in fragments cut at fuzz-chosen points (a character may
     * span frames), or one byte at a time; a close reason is judged the same way.
     *
     * <p>Input: byte 0's low 2 bits give the number of cuts k (0-3), the next k bytes the cut points (modulo the
     * payload length + 1), the rest is the payload.
     */
    @FuzzTest
    void textUtf8(byte[] data) {
        int k = data.length == 0 ? 0 : data[0] & 3;
        int head = Math.min(data.length, 1 + k);
        byte[] payload = Arrays.copyOfRange(data, head, data.length);
        int[] cuts = new int[k];
        for (int i = 0; i < k; i++) {
            cuts[i] = 1 + i < head ? (data[1 + i] & 0xFF) % (payload.length + 1) : 0;
        }
        Arrays.sort(cuts);
        boolean valid = jdkAccepts(payload);
        String expected = valid ? "TEXT " + hex(payload) : "ERROR " + CloseCodes.INVALID_PAYLOAD;

        assertEquals(List.of(expected), decodeWhole(Frames.text(payload)), "one frame: " + hex(payload));
        byte[] fragmented = Frames.fragmentedText(payload, cuts);
        assertEquals(List.of(expected), decodeWhole(fragmented),
                () -> "fragments cut at " + Arrays.toString(cuts) + ": " + hex(payload));
        assertEquals(List.of(expected), decodeBytewise(fragmented), () -> "byte by byte: " + hex(payload));

        if (payload.length <= EventLog.MAX_CLOSE_REASON) {
            String close = valid ? "CLOSE 1000 " + new String(payload, StandardCharsets.UTF_8)
                    : "ERROR " + CloseCodes.INVALID_PAYLOAD;
            assertEquals(List.of(close), decodeWhole(Frames.close(CloseCodes.NORMAL, payload)),
                    () -> "close reason: " + hex(payload));
        }
    }

    /** Decodes a copy of {@code wire} (the engine unmasks its input in place). */
    private static List<String> decodeWhole(byte[] wire) {
        EventLog log = new EventLog(NO_LIMIT, NO_LIMIT);
        Engines.decode(Engines.server(NO_LIMIT, NO_LIMIT), ByteBuffer.wrap(wire.clone()), log);
        return log.events;
    }

    private static List<String> decodeBytewise(byte[] wire) {
        EventLog log = new EventLog(NO_LIMIT, NO_LIMIT);
        FrameEngine engine = Engines.server(NO_LIMIT, NO_LIMIT);
        byte[] copy = wire.clone();
        for (int i = 0; i < copy.length; i++) {
            Engines.decode(engine, ByteBuffer.wrap(copy, i, 1), log);
        }
        return log.events;
    }

    /** The JDK's verdict: whether a decoder that reports malformed input decodes all of it. */
    static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Masked client frames (a server engine reads them); the masking key is fixed. */
    static final class Frames {
        private static final byte[] MASK = {0x37, (byte) 0xFA, 0x21, 0x3D};
        private static final int FIN = 0x80;
        private static final int TEXT = 0x1;
        private static final int CONTINUATION = 0x0;
        private static final int CLOSE = 0x8;

        private Frames() {
        }

        static byte[] text(byte[] payload) {
            return frame(FIN | TEXT, payload);
        }

        /** A text message in fragments: one frame per stretch between cut points (empty ones included). */
        static byte[] fragmentedText(byte[] payload, int[] cuts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : payload.length;
                int opcode = i == 0 ? TEXT : CONTINUATION;
                int fin = i == cuts.length ? FIN : 0;
                out.writeBytes(frame(fin | opcode, Arrays.copyOfRange(payload, from, to)));
                from = to;
            }
            return out.toByteArray();
        }

        static byte[] close(int code, byte[] reason) {
            byte[] payload = new byte[2 + reason.length];
            payload[0] = (byte) (code >> 8);
            payload[1] = (byte) code;
            System.arraycopy(reason, 0, payload, 2, reason.length);
            return frame(FIN | CLOSE, payload);
        }

        static byte[] frame(int first, byte[] payload) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(first);
            int n = payload.length;
            if (n < 126) {
                out.write(0x80 | n);
            } else if (n < 1 << 16) {
                out.write(0x80 | 126);
                out.write(n >> 8);
                out.write(n);
            } else {
                out.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) n >> shift));
                }
            }
            out.writeBytes(MASK);
            for (int i = 0; i < n; i++) {
                out.write(payload[i] ^ MASK[i & 3]);
            }
            return out.toByteArray();
        }
    }
}
