package net.websocket.jakarta.internal;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import net.websocket.api.CloseCodes;

/**
 * What a session does with the parts of the messages it receives (the runtime delivers every message in parts, as
 * it is read): for a partial handler, each part as it comes (Jakarta WebSocket 2.1, section 2.1.3); for an
 * {@code InputStream} or {@code Reader} handler, a stream the handler reads on a thread of its own while the parts
 * arrive, through a bounded {@link PartPipe}; for a handler whose type a stream decoder makes
 * ({@code Decoder.TextStream}, {@code Decoder.BinaryStream}, first of the decoders of its type), the same stream read
 * by the decoder, whose result goes to the handler; for every other handler, the parts joined into the whole
 * message. Both of the last kinds take at most the session's buffer size for their type (beyond it the session
 * closes with 1009, section 2.1.4 of the {@code Session} Javadoc; a decoder reading then sees its stream fail). A
 * message whose type has no handler closes the session with 1003.
 *
 * <p>The session's handlers never run concurrently: the listener callback that brings a stream's last part waits
 * until the stream handler returned, so the next message waits for it, as it waits for a whole message's handler.
 *
 * <h2>Threads</h2>
 * Called by the session's listener, one callback at a time (the runtime's guarantee), on runtime handler threads.
 */
final class IncomingMessages {

    /** The most bytes (or chars) of a streamed message held before the connection is read further. */
    static final long STREAM_BUFFER = 64 * 1024;

    /** Runs the stream handlers; idle threads end after a minute. */
    private static final ExecutorService STREAM_READERS = streamReaders();

    private enum Mode { BETWEEN, WHOLE, PARTIAL, STREAM, DROP }

    /** The decoder reading a streamed message, or {@code null} (a stream handler reads it itself). */
    private jakarta.websocket.Decoder streamDecoder;

    private final JakartaSession session;
    private Mode mode = Mode.BETWEEN;
    private MessageHandlers.Entry entry;
    /** The whole message so far: text, or bytes in {@code bytes[0, size)}. */
    private StringBuilder text;
    private byte[] bytes;
    /** Bytes of the message so far (UTF-8 for text). */
    private long size;
    private PartPipe pipe;
    private Future<?> reading;

    IncomingMessages(JakartaSession session) {
        this.session = session;
    }

    /**
     * A part of a text message.
     *
     * @throws Exception what a handler threw, or a {@code DecodeException}
     */
    void text(String part, boolean last) throws Exception {
        if (mode == Mode.BETWEEN) {
            start(MessageHandlers.Kind.TEXT);
        }
        try {
            switch (mode) {
                case PARTIAL -> entry.sink().accept(part, last);
                case STREAM -> {
                    if (streamDecoder != null) {
                        size += utf8Length(part);
                        if (tooBig(session.getMaxTextMessageBufferSize())) {
                            return;
                        }
                    }
                    stream(part, last);
                }
                case WHOLE -> {
                    size += utf8Length(part);
                    if (tooBig(session.getMaxTextMessageBufferSize())) {
                        return;
                    }
                    if (last && text == null) {
                        whole(part);
                        return;
                    }
                    if (text == null) {
                        text = new StringBuilder(part);
                    } else {
                        text.append(part);
                    }
                    if (last) {
                        whole(text.toString());
                    }
                }
                default -> {
                    // dropped
                }
            }
        } finally {
            if (last) {
                end();
            }
        }
    }

    /**
     * A part of a binary message; the buffer is the session's to keep.
     *
     * @throws Exception what a handler threw, or a {@code DecodeException}
     */
    void binary(ByteBuffer part, boolean last) throws Exception {
        if (mode == Mode.BETWEEN) {
            start(MessageHandlers.Kind.BINARY);
        }
        try {
            switch (mode) {
                case PARTIAL -> entry.sink().accept(entry.type() == byte[].class ? bytes(part) : part, last);
                case STREAM -> {
                    if (streamDecoder != null) {
                        size += part.remaining();
                        if (tooBig(session.getMaxBinaryMessageBufferSize())) {
                            return;
                        }
                    }
                    stream(bytes(part), last);
                }
                case WHOLE -> {
                    int n = part.remaining();
                    size += n;
                    if (tooBig(session.getMaxBinaryMessageBufferSize())) {
                        return;
                    }
                    if (last && bytes == null) {
                        whole(part);
                        return;
                    }
                    if (bytes == null) {
                        bytes = new byte[Math.max(n * 2, 256)];
                    } else if (size > bytes.length) {
                        bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(size, bytes.length * 2L),
                                Integer.MAX_VALUE - 8));
                    }
                    part.get(bytes, (int) size - n, n);
                    if (last) {
                        whole(ByteBuffer.wrap(bytes, 0, (int) size).slice());
                    }
                }
                default -> {
                    // dropped
                }
            }
        } finally {
            if (last) {
                end();
            }
        }
    }

    /**
     * The connection closed: a streamed message that did not end fails its reader, whose handler is waited for, so
     * that {@code onClose} comes after it.
     */
    void closed() {
        if (mode == Mode.STREAM) {
            pipe.fail("the connection closed before the message ended");
            awaitReader();
        }
        end();
    }

    private void start(MessageHandlers.Kind kind) {
        size = 0;
        boolean isText = kind == MessageHandlers.Kind.TEXT;
        entry = session.handlers().handler(kind);
        if (entry == null) {
            mode = Mode.DROP;
            session.connection().close(CloseCodes.UNSUPPORTED_DATA, "no handler for "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + " messages");
        } else if (entry.partial()) {
            mode = Mode.PARTIAL;
        } else if (entry.type() == Reader.class || entry.type() == InputStream.class) {
            startStream(entry.type() == Reader.class, null);
        } else if (!builtIn(entry.type()) && (streamDecoder = session.coders().streamDecoder(isText
                ? Coders.Payload.TEXT : Coders.Payload.BINARY, entry.type())) != null) {
            startStream(isText, streamDecoder);
        } else {
            mode = Mode.WHOLE;
        }
    }

    /**
     * Whether a whole handler of this type gets the message without a decoder (as {@code MessageHandlers} converts
     * it): a String, a primitive or its box, a ByteBuffer or a byte array.
     */
    private static boolean builtIn(Class<?> type) {
        return type == String.class || type == ByteBuffer.class || type == byte[].class || Types.isPrimitiveLike(type);
    }

    /** Starts reading a message on a thread of its own: the handler reads it, or {@code decoder} for the handler. */
    private void startStream(boolean text, jakarta.websocket.Decoder decoder) {
        mode = Mode.STREAM;
        PartPipe p = new PartPipe(STREAM_BUFFER);
        Object stream = text ? p.reader() : p.inputStream();
        MessageHandlers.Sink sink = entry.sink();
        pipe = p;
        reading = STREAM_READERS.submit(() -> {
            try {
                if (decoder == null) {
                    sink.accept(stream, true);
                } else {
                    Object decoded = Coders.decodeStream(decoder, stream);
                    if (!p.failed()) { // a decoder that read past the failure made no message of it
                        sink.accept(decoded, true);
                    }
                }
            } finally {
                p.closeReader();
            }
            return null;
        });
    }

    private void stream(Object part, boolean last) throws Exception {
        pipe.put(part, last);
        if (last) {
            try {
                reading.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
        }
    }

    private void awaitReader() {
        try {
            reading.get();
        } catch (ExecutionException e) {
            SessionListener.error(session, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void whole(String message) throws Exception {
        if (!session.handlers().text(message, session.coders())) {
            session.connection().close(CloseCodes.UNSUPPORTED_DATA, "no handler for text messages");
        }
    }

    private void whole(ByteBuffer message) throws Exception {
        if (!session.handlers().binary(message, session.coders())) {
            session.connection().close(CloseCodes.UNSUPPORTED_DATA, "no handler for binary messages");
        }
    }

    /** A message over the session's buffer size closes it with 1009, and the rest of it is dropped. */
    private boolean tooBig(int limit) {
        if (limit > 0 && size > limit) {
            String why = "message larger than " + limit + " bytes";
            if (mode == Mode.STREAM) {
                pipe.fail(why); // the decoder reading it sees its stream fail; the next message waits for it
                awaitReader();
            }
            mode = Mode.DROP;
            text = null;
            bytes = null;
            session.connection().close(CloseCodes.MESSAGE_TOO_BIG, why);
            return true;
        }
        return false;
    }

    private void end() {
        mode = Mode.BETWEEN;
        entry = null;
        text = null;
        bytes = null;
        pipe = null;
        reading = null;
        streamDecoder = null;
    }

    /** The UTF-8 length of a part. */
    private static long utf8Length(String part) {
        int n = part.length();
        for (int i = 0; i < n; i++) {
            if (part.charAt(i) >= 0x80) {
                return part.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        return b;
    }

    private static ExecutorService streamReaders() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "jakarta-stream-reader-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
