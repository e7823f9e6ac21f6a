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
     * Runs the connection over the upgraded stream; the hosting server has sent the 101. Once.
     *
     * @param stream the upgraded stream, which reads first any bytes that followed the request head
     * @return the signals the stream's owner reports readiness with
     * @throws IllegalStateException if the handshake was refused, or opened or abandoned already
     */
    public StreamSignals open(ByteStream stream) {
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
        });
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
