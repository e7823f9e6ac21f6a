package net.websocket.upgrade;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

import net.websocket.api.Headers;
import net.websocket.runtime.internal.HostedHandshake;
import net.websocket.runtime.internal.StreamTransport;

/**
 * The decision on one upgrade request of an {@link UpgradeServer}: refused, with the response to send, or accepted,
 * with the head of the 101 to send before switching protocols. Used by one thread.
 */
public final class Handshake {

    private final HostedHandshake decided;
    private boolean used;

    Handshake(HostedHandshake decided) {
        this.decided = decided;
    }

    /** {@return whether the handshake is accepted: switch protocols, then {@link #open}} */
    public boolean accepted() {
        return decided.accepted();
    }

    /** {@return the status to answer: 101 when accepted, else the refusal's (400, 403, 404, 426, 503...)} */
    public int status() {
        return decided.status();
    }

    /**
     * {@return the response's header fields: when accepted, those of the variant's 101 (such as
     * {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Accept}, the subprotocol and the hook's headers);
     * when refused, those of the refusal}
     */
    public Headers headers() {
        return decided.headers();
    }

    /** {@return the plain-text body of a refusal; empty when accepted} */
    public String refusalText() {
        return decided.refusalText();
    }

    /**
     * {@return how many bytes of the handshake follow the request head on the stream: hybi-00's key, 8; 0 when none
     * (RFC 6455) or when refused} The draft's own server reads them before it answers; a hosting server that can
     * hand its stream over before sending anything does the same through {@link #openAnswering}.
     */
    public int bodyLength() {
        return decided.bodyLength();
    }

    /**
     * Runs the connection over the upgraded stream; the hosting server has sent the 101. Once.
     *
     * @param stream the upgraded stream, which reads first any bytes that followed the request head
     * @return the signals the stream's owner reports readiness with
     * @throws IllegalStateException if the handshake was refused, or opened or abandoned already
     */
    public StreamSignals open(ByteStream stream) {
        return open(stream, false);
    }

    /**
     * Runs the connection over the stream of a hosting server that has sent no response at all: the connection reads
     * the {@linkplain #bodyLength() bytes that follow the head} within the handshake timeout (closing the stream
     * without a word if they do not come), then writes the whole response itself, status line, fields and the
     * variant's bytes after the head (hybi-00's {@code 101 WebSocket Protocol Handshake} and 16-byte answer), as the
     * runtime's own server does. Once.
     *
     * @param stream the stream, which reads first any bytes that followed the request head
     * @return the signals the stream's owner reports readiness with
     * @throws IllegalStateException if the handshake was refused, or opened or abandoned already
     */
    public StreamSignals openAnswering(ByteStream stream) {
        return open(stream, true);
    }

    private StreamSignals open(ByteStream stream, boolean writesHead) {
        Objects.requireNonNull(stream, "stream");
        if (!accepted() || used) {
            throw new IllegalStateException(used ? "the handshake was used already" : "the handshake was refused");
        }
        used = true;
        StreamTransport.Signals signals = decided.open(new StreamTransport.Stream() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return stream.read(dst);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return stream.write(src);
            }

            @Override
            public void close() {
                stream.close();
            }
        }, writesHead);
        return new StreamSignals() {
            @Override
            public void readable() {
                signals.readable();
            }

            @Override
            public void writable() {
                signals.writable();
            }

            @Override
            public void failed(Throwable error) {
                signals.failed(error);
            }
        };
    }

    /** Gives back the connection slot of an accepted handshake that the hosting server could not switch; once. */
    public void abandon() {
        if (!used) {
            used = true;
            decided.abandon();
        }
    }
}
