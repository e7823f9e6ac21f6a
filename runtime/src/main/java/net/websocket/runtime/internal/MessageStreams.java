package net.websocket.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import net.websocket.api.PayloadType;

/** The streams of received and sent messages. */
final class MessageStreams {

    private MessageStreams() {
    }

    /** Sends one fragment; implemented by the connection. */
    interface FragmentSender {
        void sendFragment(PayloadType type, ByteBuffer payload, boolean last) throws IOException;
    }

    /**
     * Sends what {@code in} holds as one message in fragments of {@code size} bytes (the last may be shorter, the
     * first is {@code first}, the rest continuations): reads one fragment ahead, so that the last is marked final.
     */
    static void sendInFragments(InputStream in, PayloadType first, int size, FragmentSender sender)
            throws IOException {
        byte[] cur = new byte[size];
        byte[] next = new byte[size];
        int curLen = in.readNBytes(cur, 0, size);
        PayloadType t = first;
        while (true) {
            int nextLen = curLen < size ? 0 : in.readNBytes(next, 0, size);
            boolean last = nextLen == 0;
            sender.sendFragment(t, ByteBuffer.wrap(cur, 0, curLen), last);
            if (last) {
                return;
            }
            t = PayloadType.CONTINUATION;
            byte[] swap = cur;
            cur = next;
            next = swap;
            curLen = nextLen;
        }
    }

    // ----------------------------------------------------------------------------------------------- receiving

    /** The bytes of one received message, piece by piece as they arrive. */
    static final class PieceInputStream extends InputStream {
        private final InboundQueue queue;
        private final InboundQueue.StreamClaim claim;
        private byte[] piece = InboundQueue.EMPTY;
        private int at;
        private boolean eof;
        private boolean closed;

        PieceInputStream(InboundQueue queue, InboundQueue.StreamClaim claim) {
            this.queue = queue;
            this.claim = claim;
        }

        /** Makes a piece available; returns false at the end of the message. */
        private boolean fill() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            while (at == piece.length) {
                if (eof) {
                    return false;
                }
                InboundQueue.Piece p = queue.nextPiece(claim);
                if (p == null) {
                    eof = true;
                    return false;
                }
                piece = p.data();
                at = 0;
                if (p.last()) {
                    eof = true;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return piece[at++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, piece.length - at);
            System.arraycopy(piece, at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public int available() {
            return piece.length - at;
        }

        /** Closing before the end skips the rest of the message. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!eof) {
                    queue.closeStream(claim);
                }
            }
        }
    }

    /** The characters of one received message, decoded from UTF-8 as its pieces arrive. */
    static final class PieceReader extends Reader {
        private final PieceInputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        /** Bytes not yet decoded: the rest of the current piece, or the start of a character split between pieces. */
        private final ByteBuffer pending = ByteBuffer.allocate(8192);
        private boolean inputDone;
        private boolean flushed;
        /** A decoded character waiting for room (half of a surrogate pair when the caller asked for one char). */
        private final CharBuffer spare = CharBuffer.allocate(2);

        PieceReader(PieceInputStream in) {
            this.in = in;
            pending.flip();
            spare.flip();
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, cbuf.length);
            if (len == 0) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(cbuf, off, len);
            while (spare.hasRemaining() && out.hasRemaining()) {
                out.put(spare.get());
            }
            while (out.position() == off) {
                if (len == 1) {
                    // decode into the spare buffer, which has room for a surrogate pair
                    spare.clear();
                    boolean more = decode(spare);
                    spare.flip();
                    if (spare.hasRemaining()) {
                        out.put(spare.get());
                    } else if (!more) {
                        return -1;
                    }
                    continue;
                }
                if (!decode(out)) {
                    if (out.position() == off) {
                        return -1;
                    }
                }
            }
            return out.position() - off;
        }

        /** Decodes into {@code out}; returns false once everything is decoded and flushed. */
        private boolean decode(CharBuffer out) throws IOException {
            while (true) {
                int before = out.position();
                CoderResult r = decoder.decode(pending, out, inputDone);
                if (r.isOverflow() || out.position() > before) {
                    return true;
                }
                if (inputDone) {
                    if (!flushed) {
                        decoder.flush(out);
                        flushed = true;
                        if (out.position() > before) {
                            return true;
                        }
                    }
                    return false;
                }
                // underflow: need more bytes
                pending.compact();
                int n = in.read(pending.array(), pending.position(), pending.remaining());
                if (n < 0) {
                    inputDone = true;
                } else {
                    pending.position(pending.position() + n);
                }
                pending.flip();
            }
        }

        @Override
        public void close() {
            in.close();
        }
    }

    // ------------------------------------------------------------------------------------------------- sending

    /** Sends what is written as one message, a fragment each time the buffer fills or on flush. */
    static final class FragmentOutputStream extends OutputStream {
        private final FragmentSender sender;
        private final byte[] buffer;
        private final PayloadType firstType;
        private int count;
        private boolean started;
        private boolean closed;

        FragmentOutputStream(FragmentSender sender, PayloadType firstType, int fragmentSize) {
            this.sender = sender;
            this.firstType = firstType;
            this.buffer = new byte[fragmentSize];
        }

        @Override
        public void write(int b) throws IOException {
            check();
            if (count == buffer.length) {
                send(false);
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            check();
            while (len > 0) {
                if (count == buffer.length) {
                    send(false);
                }
                int n = Math.min(len, buffer.length - count);
                System.arraycopy(b, off, buffer, count, n);
                count += n;
                off += n;
                len -= n;
            }
        }

        /** Sends what is buffered as a fragment (nothing if the buffer is empty). */
        @Override
        public void flush() throws IOException {
            check();
            if (count > 0) {
                send(false);
            }
        }

        /** Sends the final fragment. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                send(true);
            }
        }

        private void send(boolean last) throws IOException {
            PayloadType t = started ? PayloadType.CONTINUATION : firstType;
            started = true;
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, count);
            count = 0;
            sender.sendFragment(t, b, last);
        }

        private void check() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
        }
    }

    /**
     * Sends what is written as one text message: UTF-8 encoded into an output stream of fragments, or, when the
     * variant cannot fragment, buffered whole and sent on close.
     */
    static final class TextWriter extends Writer {
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final OutputStream out;
        private final ByteBuffer bytes = ByteBuffer.allocate(8192);
        /** A high surrogate waiting for its low half. */
        private final CharBuffer carry = CharBuffer.allocate(2);
        private final boolean flushSends;
        private boolean closed;

        /**
         * @param flushSends whether {@link #flush()} sends a fragment (false when the message is sent whole)
         */
        TextWriter(OutputStream out, boolean flushSends) {
            this.out = out;
            this.flushSends = flushSends;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, cbuf.length);
            if (closed) {
                throw new IOException("writer closed");
            }
            CharBuffer in = CharBuffer.wrap(cbuf, off, len);
            if (carry.position() > 0 && in.hasRemaining()) {
                carry.put(in.get());
                carry.flip();
                encode(carry, false);
                carry.clear();
            }
            encode(in, false);
            if (in.hasRemaining()) {
                carry.put(in.get()); // a lone high surrogate at the end: keep it for the next write
            }
        }

        private void encode(CharBuffer in, boolean end) throws IOException {
            while (true) {
                CoderResult r = encoder.encode(in, bytes, end);
                if (r.isOverflow()) {
                    drain();
                    continue;
                }
                return;
            }
        }

        private void drain() throws IOException {
            bytes.flip();
            out.write(bytes.array(), 0, bytes.limit());
            bytes.clear();
        }

        @Override
        public void flush() throws IOException {
            if (closed) {
                throw new IOException("writer closed");
            }
            drain();
            if (flushSends) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            carry.flip();
            encode(carry, true);
            while (encoder.flush(bytes).isOverflow()) {
                drain();
            }
            drain();
            out.close();
        }
    }

    /** Collects everything written, then sends it as one message on close (variants without fragmentation). */
    static final class WholeMessageStream extends OutputStream {
        private final FragmentSender sender;
        private final PayloadType type;
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private boolean closed;

        WholeMessageStream(FragmentSender sender, PayloadType type) {
            this.sender = sender;
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            buffer.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                sender.sendFragment(type, ByteBuffer.wrap(buffer.toByteArray()), true);
            }
        }
    }
}
