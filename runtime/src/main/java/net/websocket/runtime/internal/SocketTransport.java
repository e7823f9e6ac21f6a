package net.websocket.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A {@link Transport} over a non-blocking socket served by an {@link IoLoop}: plain TCP ({@link Plain}) or TLS
 * ({@link TlsTransport}). It owns the socket and its selection key: it registers (or takes over the handshaker's key),
 * turns the core's interest into interest ops, turns the selector's readiness into {@link Transport.Events}, and
 * cancels the key as it closes.
 *
 * <p>Input it holds (TLS records decrypted, or received, but not yet returned) is not announced by the selector, so
 * it hands the core a readable callback through the loop's task queue instead, while reading is wanted.
 */
abstract class SocketTransport extends Transport implements IoLoop.Handler {

    final IoLoop loop;
    final SocketChannel channel;
    private SelectionKey key;
    private Events events;
    /** Set by {@link #close()}; nothing is called back after it. */
    boolean closed;

    SocketTransport(IoLoop loop, SocketChannel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /** The channel's key on this transport's loop, registered by a handshaker: {@link #attach} takes it over. */
    final void useKey(SelectionKey key) {
        this.key = key;
    }

    @Override
    final void attach(Events events) throws IOException {
        this.events = events;
        if (key != null) {
            key.attach(this);
        } else {
            key = loop.register(channel, 0, this);
        }
        if (hasBufferedInput()) {
            loop.execute(this::readBuffered); // bytes that came with the handshake's last read
        }
    }

    @Override
    final void interest(boolean read, boolean write) {
        SelectionKey k = key;
        if (k == null || !k.isValid()) {
            return;
        }
        int ops = (read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0);
        int current = k.interestOps(); // the key keeps them: no copy in every connection's transport
        if (ops != current) {
            if (read && (current & SelectionKey.OP_READ) == 0 && hasBufferedInput()) {
                loop.execute(this::readBuffered); // reading resumes with input this transport already holds
            }
            k.interestOps(ops);
        }
    }

    private boolean readWanted() {
        SelectionKey k = key;
        return k != null && k.isValid() && (k.interestOps() & SelectionKey.OP_READ) != 0;
    }

    @Override
    public final void ready(SelectionKey k, int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            events.writable();
            if (closed) {
                return;
            }
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            readable();
        }
    }

    private void readable() {
        events.readable();
        if (!closed && readWanted() && hasBufferedInput()) {
            loop.execute(this::readBuffered); // the selector does not know about input this transport holds
        }
    }

    private void readBuffered() {
        if (!closed && readWanted() && hasBufferedInput()) {
            readable();
        }
    }

    @Override
    public final void loopClosed() {
        events.loopClosed();
    }

    @Override
    public final void failed(Throwable error) {
        events.failed(error);
    }

    @Override
    final void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        beforeClose();
        if (key != null && outputShut()) {
            // the FIN is out: closing waits for the key's deregistration, so that the JDK does not look at
            // SO_LINGER and shut the output down once more (the end of every connection the server closes gently)
            loop.closeAfterDeregistration(channel);
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    /** What to say before the socket closes, best effort, without waiting (TLS: close_notify). */
    void beforeClose() {
    }

    /** Whether the socket's output is shut down (its FIN sent or queued); then closing it can wait a select. */
    abstract boolean outputShut();

    @Override
    final void closeOffLoop() {
        if (loop.isStopping()) {
            // the loop closes every channel as it stops, and may not run the close task first
            try {
                channel.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }

    /** Plain TCP. */
    static final class Plain extends SocketTransport {
        private boolean shut;

        Plain(IoLoop loop, SocketChannel channel) {
            super(loop, channel);
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
        long write(ByteBuffer first, ByteBuffer second) throws IOException {
            return channel.write(new ByteBuffer[] {first, second});
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
        boolean outputShut() {
            return shut;
        }

        @Override
        boolean secure() {
            return false;
        }
    }
}
