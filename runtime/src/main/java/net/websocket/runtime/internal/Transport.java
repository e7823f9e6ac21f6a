package net.websocket.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte stream a connection runs over: the TCP socket itself ({@link Plain}) or TLS over it
 * ({@link TlsTransport}). The handshakers and {@link WsConnection} read and write application bytes through it and
 * never touch the socket's data directly.
 *
 * <p>Used on the I/O loop thread only, except {@link #write} on a transport that {@link #allowsCallerWrites()}.
 * A transport may hold bytes of its own: input already taken from the socket but not yet returned
 * ({@link #hasBufferedInput()}: the owner must read again without waiting for the selector) and output not yet
 * written ({@link #hasPendingOutput()}: the owner must keep write interest and call {@link #flush()}).
 */
abstract class Transport {

    final SocketChannel channel;

    Transport(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Reads application bytes into {@code dst}.
     *
     * @return the number of bytes read (0 if none are available yet), or -1 at the end of the stream
     */
    abstract int read(ByteBuffer dst) throws IOException;

    /**
     * Writes application bytes from {@code src}.
     *
     * @return how many bytes were taken; fewer than offered (perhaps 0) when the socket is full
     */
    abstract int write(ByteBuffer src) throws IOException;

    /** Whether input is buffered here that {@link #read} returns without the socket becoming readable. */
    abstract boolean hasBufferedInput();

    /** Whether output is buffered here that waits for the socket to become writable. */
    abstract boolean hasPendingOutput();

    /**
     * Writes buffered output, and continues an output shutdown in progress.
     *
     * @return whether nothing is left to write
     */
    abstract boolean flush() throws IOException;

    /** Whether threads other than the loop may call {@link #write} (under the owner's lock). */
    abstract boolean allowsCallerWrites();

    /**
     * Ends the output once buffered bytes are written: TLS sends its close_notify first; then the TCP output is
     * shut down. Idempotent; call {@link #flush()} when writable until it returns {@code true}.
     *
     * @return whether the output is now shut down
     */
    abstract boolean shutdownOutput() throws IOException;

    /** Releases the socket (TLS tries to send a close_notify first, without waiting). Idempotent. */
    abstract void close();

    /** Whether this is TLS. */
    abstract boolean secure();

    /** Plain TCP. */
    static final class Plain extends Transport {
        private boolean shut;

        Plain(SocketChannel channel) {
            super(channel);
        }

        @Override
        int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        int write(ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        boolean hasBufferedInput() {
            return false;
        }

        @Override
        boolean hasPendingOutput() {
            return false;
        }

        @Override
        boolean flush() {
            return true;
        }

        @Override
        boolean allowsCallerWrites() {
            return true;
        }

        @Override
        boolean shutdownOutput() throws IOException {
            if (!shut) {
                shut = true;
                channel.shutdownOutput();
            }
            return true;
        }

        @Override
        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closed anyway
            }
        }

        @Override
        boolean secure() {
            return false;
        }
    }
}
