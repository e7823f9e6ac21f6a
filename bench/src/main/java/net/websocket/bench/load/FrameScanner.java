package net.websocket.bench.load;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Counts the frames in a byte stream that a server sends back, without copying payloads: the load generator's
 * receive side. Frames may be split anywhere across calls. It handles masked frames too, because the raw TCP echo
 * returns the client's own (masked) frames. It does not validate UTF-8 or fragmentation rules: the servers under test
 * do that.
 *
 * <p>A message is counted when a data or continuation frame with the FIN bit ends. A close frame sets
 * {@link #closeReceived()}; pings and pongs are skipped.
 */
public final class FrameScanner {

    /** How much of the last message's payload {@link #capture} keeps: enough to check short echoes. */
    public static final int CAPTURE_MAX = 256;

    /** The longest frame header: 2 bytes, an 8-byte length and a 4-byte mask. */
    private static final int MAX_HEADER = 14;

    private final byte[] header = new byte[MAX_HEADER];
    private int headerHave;
    private boolean inPayload;
    private long payloadLeft;
    private int opcode;
    private boolean fin;
    private final byte[] maskKey = new byte[4];
    private boolean masked;
    private long payloadOffset;

    private long messages;
    private long payloadBytes;
    /** Payload bytes of the data message under way, counted in {@link #payloadBytes} when it ends. */
    private long messageBytes;
    /** Data messages whose first frame had RSV1 set (permessage-deflate: compressed). */
    private long compressedMessages;
    private boolean closeReceived;

    private boolean capturing;
    private byte[] capture = new byte[CAPTURE_MAX];
    private int captureLength;
    private byte[] lastCaptured = new byte[0];

    /** Keeps (unmasked) the first {@link #CAPTURE_MAX} payload bytes of each message, for {@link #lastPayload()}. */
    public FrameScanner capture(boolean on) {
        this.capturing = on;
        return this;
    }

    /**
     * Consumes all remaining bytes of {@code in}.
     *
     * @return the number of messages that ended in these bytes
     */
    public int feed(ByteBuffer in) {
        int done = 0;
        while (in.hasRemaining()) {
            if (!inPayload) {
                header[headerHave++] = in.get();
                int need = headerNeed();
                if (headerHave < need) {
                    continue;
                }
                startPayload();
                if (payloadLeft > 0) {
                    continue;
                }
            } else {
                int n = (int) Math.min(in.remaining(), payloadLeft);
                if (capturing && isData()) {
                    copyCapture(in, n);
                }
                in.position(in.position() + n);
                payloadLeft -= n;
                payloadOffset += n;
                if (isData()) {
                    messageBytes += n;
                }
                if (payloadLeft > 0) {
                    continue;
                }
            }
            done += endFrame();
        }
        return done;
    }

    private int headerNeed() {
        if (headerHave < 2) {
            return 2;
        }
        int len = header[1] & 0x7F;
        int ext = len == 126 ? 2 : len == 127 ? 8 : 0;
        return 2 + ext + ((header[1] & 0x80) != 0 ? 4 : 0);
    }

    private void startPayload() {
        fin = (header[0] & 0x80) != 0;
        opcode = header[0] & 0x0F;
        masked = (header[1] & 0x80) != 0;
        int len = header[1] & 0x7F;
        int p = 2;
        long n = len;
        if (len == 126) {
            n = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            p = 4;
        } else if (len == 127) {
            n = 0;
            for (int i = 0; i < 8; i++) {
                n = (n << 8) | (header[2 + i] & 0xFF);
            }
            p = 10;
        }
        if (masked) {
            System.arraycopy(header, p, maskKey, 0, 4);
        }
        payloadLeft = n;
        payloadOffset = 0;
        inPayload = true;
        if (opcode == Frames.OP_TEXT || opcode == Frames.OP_BINARY) {
            captureLength = 0;
            if ((header[0] & Frames.RSV1) != 0) {
                compressedMessages++;
            }
        }
    }

    private boolean isData() {
        return opcode == Frames.OP_TEXT || opcode == Frames.OP_BINARY || opcode == Frames.OP_CONTINUATION;
    }

    private void copyCapture(ByteBuffer in, int n) {
        int take = Math.min(n, CAPTURE_MAX - captureLength);
        for (int i = 0; i < take; i++) {
            byte b = in.get(in.position() + i);
            if (masked) {
                b ^= maskKey[(int) ((payloadOffset + i) & 3)];
            }
            capture[captureLength++] = b;
        }
    }

    private int endFrame() {
        inPayload = false;
        headerHave = 0;
        if (opcode == Frames.OP_CLOSE) {
            closeReceived = true;
            return 0;
        }
        if (isData() && fin) {
            messages++;
            payloadBytes += messageBytes;
            messageBytes = 0;
            if (capturing) {
                lastCaptured = Arrays.copyOf(capture, captureLength);
            }
            return 1;
        }
        return 0;
    }

    /** Messages counted so far. */
    public long messages() {
        return messages;
    }

    /** Data payload bytes of the messages completed so far (a message under way counts when it ends). */
    public long payloadBytes() {
        return payloadBytes;
    }

    /** Messages begun with RSV1 set: compressed, when permessage-deflate was agreed. */
    public long compressedMessages() {
        return compressedMessages;
    }

    /** Whether a close frame arrived. */
    public boolean closeReceived() {
        return closeReceived;
    }

    /** The first {@link #CAPTURE_MAX} bytes of the last whole message, if capturing. */
    public byte[] lastPayload() {
        return lastCaptured.clone();
    }
}
