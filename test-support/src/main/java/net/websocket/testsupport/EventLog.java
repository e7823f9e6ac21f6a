package net.websocket.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import net.websocket.api.CloseCodes;
import net.websocket.api.MessageType;
import net.websocket.api.spi.FrameSink;

/**
 * A {@link FrameSink} that records whole messages and control events as strings, so that two decodings of the same
 * input can be compared, and that checks every call against the sink contract and the engine's limits as it comes:
 * first and last flags in order, one type per message, no piece longer than the given bound, no message longer than
 * the message limit, text that the JDK's strict UTF-8 decoder accepts, control payloads of at most 125 bytes, only
 * the documented error codes, and nothing after a close or an error.
 *
 * <p>Pieces of a message are not recorded one by one: where they are cut depends on how the input was split.
 */
public final class EventLog implements FrameSink {

    /** The close codes a decoder may fail with (FrameSink#onProtocolError). */
    public static final Set<Integer> ERROR_CODES = Set.of(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD,
            CloseCodes.MESSAGE_TOO_BIG);

    /** The longest control frame payload (RFC 6455 section 5.5; hybi-00 has none). */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    /** The longest close reason: a control payload less the 2-byte code. */
    public static final int MAX_CLOSE_REASON = MAX_CONTROL_PAYLOAD - 2;

    private static final byte[] NONE = new byte[0];

    public final List<String> events = new ArrayList<>();
    private final long maxPiece;
    private final long maxMessage;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private ByteArrayOutputStream open;
    private MessageType openType;
    private byte[] undecoded = NONE;
    private boolean ended;
    private int errorCode;

    /**
     * @param maxPiece   the most bytes one onData call may carry (for RFC 6455: a piece never spans frames)
     * @param maxMessage the most bytes a message may reach
     */
    public EventLog(long maxPiece, long maxMessage) {
        this.maxPiece = maxPiece;
        this.maxMessage = maxMessage;
    }

    /** Whether a close or an error ended the input. */
    public boolean ended() {
        return ended;
    }

    /** The code of the protocol error, or 0. */
    public int errorCode() {
        return errorCode;
    }

    /** The bytes of a message whose last piece has not come yet, or {@code null}. */
    public byte[] openMessage() {
        return open == null ? null : open.toByteArray();
    }

    @Override
    public void onData(MessageType type, ByteBuffer payload, boolean first, boolean last) {
        assertFalse(ended, "data after the end of input");
        assertTrue(type == MessageType.TEXT || type == MessageType.BINARY, () -> "data of type " + type);
        if (first) {
            assertNull(open, "a first piece while a message is open");
            open = new ByteArrayOutputStream();
            openType = type;
            undecoded = NONE;
            utf8.reset();
        } else {
            assertNotNull(open, "a continuing piece without a first one");
            assertEquals(openType, type, "the type changed within a message");
        }
        byte[] piece = bytes(payload);
        assertTrue(piece.length <= maxPiece, () -> "a piece of " + piece.length + " bytes, over " + maxPiece);
        open.writeBytes(piece);
        assertTrue(open.size() <= maxMessage, () -> "a message of " + open.size() + " bytes, over " + maxMessage);
        if (type == MessageType.TEXT) {
            checkText(piece, last);
        }
        if (last) {
            events.add(type + " " + HexFormat.of().formatHex(open.toByteArray()));
            open = null;
        }
    }

    /** Feeds a text piece to the JDK's decoder: what the engine delivers must be valid so far, and whole at last. */
    private void checkText(byte[] piece, boolean last) {
        byte[] all = Arrays.copyOf(undecoded, undecoded.length + piece.length);
        System.arraycopy(piece, 0, all, undecoded.length, piece.length);
        ByteBuffer in = ByteBuffer.wrap(all);
        CharBuffer out = CharBuffer.allocate(all.length + 1);
        CoderResult r = utf8.decode(in, out, last);
        if (r.isError()) {
            fail("the engine delivered text the JDK's decoder rejects: " + HexFormat.of().formatHex(all));
        }
        if (last) {
            assertFalse(utf8.flush(out).isError(), "the JDK's decoder rejects the end of the text");
            assertFalse(in.hasRemaining(), "a text message ends inside a character");
        }
        undecoded = Arrays.copyOfRange(all, in.position(), all.length);
    }

    @Override
    public void onPing(ByteBuffer payload) {
        assertFalse(ended, "ping after the end of input");
        events.add("PING " + control(payload));
    }

    @Override
    public void onPong(ByteBuffer payload) {
        assertFalse(ended, "pong after the end of input");
        events.add("PONG " + control(payload));
    }

    private static String control(ByteBuffer payload) {
        byte[] b = bytes(payload);
        assertTrue(b.length <= MAX_CONTROL_PAYLOAD, () -> "a control payload of " + b.length + " bytes");
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void onClose(int code, String reason) {
        assertFalse(ended, "close after the end of input");
        assertNotNull(reason, "close reason");
        if (code == CloseCodes.NO_STATUS) {
            assertEquals("", reason, "a reason without a status code");
        } else {
            assertTrue(CloseCodes.isValidOnWire(code), () -> "close code " + code + " may not be received");
        }
        int length = reason.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(length <= MAX_CLOSE_REASON, () -> "a close reason of " + length + " bytes");
        ended = true;
        events.add("CLOSE " + code + " " + reason);
    }

    @Override
    public void onProtocolError(int closeCode, String message) {
        assertFalse(ended, "error after the end of input");
        assertTrue(ERROR_CODES.contains(closeCode), () -> "protocol error with close code " + closeCode);
        assertNotNull(message, "error message");
        ended = true;
        errorCode = closeCode;
        events.add("ERROR " + closeCode);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
