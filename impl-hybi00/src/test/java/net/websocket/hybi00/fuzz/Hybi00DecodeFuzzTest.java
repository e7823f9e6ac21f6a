package net.websocket.hybi00.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Fuzzes the hybi-00 frame decoder through the public SPI, and its UTF-8 validation against the JDK's decoder.
 *
 * <p>Each input is decoded by a server engine whole and split at fuzz-chosen points into buffers of different
 * kinds, and by a client engine (hybi-00 frames the same both ways); all runs must report the same events, which
 * can only be text messages, the close and the documented errors. {@link EventLog} checks every event against the
 * sink contract and the limits. The inputs under {@code Hybi00DecodeFuzzTestInputs} are replayed in every build;
 * {@code scripts/fuzz} fuzzes.
 */
@Timeout(FuzzLimits.SECONDS_PER_INPUT)
class Hybi00DecodeFuzzTest {

    private static final int SENTINEL = 0xFF;

    /** Limits high enough that no text fuzz input reaches them: only validity decides. */
    private static final long NO_LIMIT = 1 << 20;

    /** Input as in {@link FuzzLayout}. */
    @FuzzTest
    void frames(byte[] data) {
        checkFraming(FuzzLayout.parse(data), Engines::server, Engines::client);
    }

    /** The same checks for Racket's length-prefixed ('new) framing. Input as in {@link FuzzLayout}. */
    @FuzzTest
    void lengthPrefixedFrames(byte[] data) {
        checkFraming(FuzzLayout.parse(data), Engines::lengthPrefixedServer, Engines::lengthPrefixedClient);
    }

    private static void checkFraming(FuzzLayout in, BiFunction<Long, Long, FrameEngine> servers,
            BiFunction<Long, Long, FrameEngine> clients) {
        // hybi-00 text pieces are bounded by the message limit (a text frame is a whole message)
        EventLog whole = decodeWhole(in, servers);
        for (String event : whole.events) {
            assertTrue(event.startsWith("TEXT ") || event.equals("CLOSE 1005 ") || event.startsWith("ERROR "),
                    () -> "hybi-00 cannot carry " + event);
        }
        assertEquals(whole.events, decodeWhole(in, clients).events, "the client decodes differently");

        EventLog split = new EventLog(in.maxMessage(), in.maxMessage());
        FrameEngine engine = servers.apply(in.maxFrame(), in.maxMessage());
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

    private static EventLog decodeWhole(FuzzLayout in, BiFunction<Long, Long, FrameEngine> engines) {
        EventLog log = new EventLog(in.maxMessage(), in.maxMessage());
        Engines.decode(engines.apply(in.maxFrame(), in.maxMessage()), ByteBuffer.wrap(in.wire().clone()), log);
        return log;
    }

    /**
     * A text frame's validity as the decoder judges it equals the JDK's strict UTF-8 decoder's verdict on the same
     * bytes, whether the frame comes whole or one byte at a time. Input: the text payload; it ends at its first
     * 0xFF, which would end the frame (0xFF is never valid UTF-8).
     */
    @FuzzTest
    void textUtf8(byte[] data) {
        int end = 0;
        while (end < data.length && (data[end] & 0xFF) != SENTINEL) {
            end++;
        }
        byte[] payload = Arrays.copyOf(data, end);
        byte[] wire = new byte[payload.length + 2];
        System.arraycopy(payload, 0, wire, 1, payload.length);
        wire[wire.length - 1] = (byte) SENTINEL;
        String expected = jdkAccepts(payload) ? "TEXT " + hex(payload) : "ERROR " + CloseCodes.INVALID_PAYLOAD;

        EventLog whole = new EventLog(NO_LIMIT, NO_LIMIT);
        Engines.decode(Engines.server(NO_LIMIT, NO_LIMIT), ByteBuffer.wrap(wire.clone()), whole);
        assertEquals(List.of(expected), whole.events, () -> "whole: " + hex(payload));

        EventLog bytewise = new EventLog(NO_LIMIT, NO_LIMIT);
        FrameEngine engine = Engines.server(NO_LIMIT, NO_LIMIT);
        for (int i = 0; i < wire.length; i++) {
            Engines.decode(engine, ByteBuffer.wrap(wire, i, 1), bytewise);
        }
        assertEquals(List.of(expected), bytewise.events, () -> "byte by byte: " + hex(payload));
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
}
