package net.websocket.runtime.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.WebSocketException;
import net.websocket.api.WebSocketMetrics.RefusalReason;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.runtime.ClientOptions;

/**
 * The client side of one connection attempt until it becomes a {@link WsConnection}: a non-blocking connect, for
 * {@code wss://} the TLS handshake (with SNI and, unless turned off, host name verification), the request, the
 * response head and body, all within the request's timeout.
 */
final class ClientHandshaker implements IoLoop.Handler {

    /** How much of a refusal's body is quoted in the exception message. */
    static final int BODY_QUOTE_MAX = 200;

    private enum State {
        CONNECT,
        TLS,
        WRITE,
        HEAD,
        BODY,
        DONE
    }

    private final ClientImpl client;
    private final IoLoop loop;
    private final URI uri;
    private final ConnectRequest request;
    private final ProtocolVariant variant;
    /** The addresses of the URI's host, tried in order until one accepts the TCP connection. */
    private final List<InetSocketAddress> targets;
    private int nextTarget;
    private IOException connectFailure;
    private final long deadline;
    private final CompletableFuture<Connection> future;
    private final HttpHeadParser parser;
    private SocketChannel channel;
    private SocketTransport transport;
    private TlsHandshake tls;
    private SelectionKey key;
    private State state = State.CONNECT;
    private IoLoop.Timer timer;
    private final ClientHandshake handshake;
    private ByteBuffer requestBytes;
    private ByteBuffer requestCopy;
    private HandshakeResponse response;
    private ByteBuffer body;
    private ByteBuffer leftover;
    /** When the attempt started (the handshake's duration starts there). */
    private long startedAt;
    /** Whether how this attempt ended is counted in the loop's {@link LoopMeters}. */
    private boolean counted;

    /**
     * @param handshake the variant's handshake, begun on the caller's thread (handed over through the loop's task
     *                  queue, so used by one thread at a time)
     */
    ClientHandshaker(ClientImpl client, IoLoop loop, URI uri, ConnectRequest request, ProtocolVariant variant,
            ClientHandshake handshake, List<InetSocketAddress> targets, long deadline,
            CompletableFuture<Connection> future) {
        this.client = client;
        this.handshake = handshake;
        this.loop = loop;
        this.uri = uri;
        this.request = request;
        this.variant = variant;
        this.targets = List.copyOf(targets);
        this.deadline = deadline;
        this.future = future;
        this.parser = new HttpHeadParser(HttpHeadParser.Mode.RESPONSE, client.options().maxResponseHeadSize());
    }

    /** Opens the socket and starts connecting (loop thread). */
    void start() {
        if (future.isDone()) {
            return;
        }
        startedAt = loop.clock();
        future.whenComplete((c, e) -> {
            if (e instanceof CancellationException) {
                loop.execute(this::abandon);
            }
        });
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            fail(new SocketTimeoutException("timed out connecting to " + uri));
            return;
        }
        timer = loop.schedule(left, () -> fail(new SocketTimeoutException("timed out connecting to " + uri)));
        try {
            requestBytes = handshake.request();
            requestCopy = requestBytes.duplicate();
        } catch (RuntimeException e) {
            count(RefusalReason.ERROR);
            fail(new WebSocketException("the " + variant.name() + " variant failed to start a handshake", e));
            return;
        }
        connectNext();
    }

    /** Starts a TCP connection to the next address; fails once none is left. */
    private void connectNext() {
        while (nextTarget < targets.size()) {
            InetSocketAddress target = targets.get(nextTarget++);
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                key = loop.register(channel, 0, this);
                if (channel.connect(target)) {
                    connected();
                } else {
                    key.interestOps(SelectionKey.OP_CONNECT);
                }
                return;
            } catch (IOException e) {
                connectFailed(e);
            }
        }
        fail(connectFailure != null ? connectFailure : new WebSocketException("no address for " + uri));
    }

    /** Remembers why an address failed and drops its socket. */
    private void connectFailed(IOException e) {
        if (connectFailure == null) {
            connectFailure = e;
        } else {
            connectFailure.addSuppressed(e);
        }
        closeChannel();
        key = null;
        channel = null;
    }

    @Override
    public void ready(SelectionKey k, int readyOps) {
        try {
            switch (state) {
                case CONNECT -> {
                    boolean done;
                    try {
                        done = (readyOps & SelectionKey.OP_CONNECT) != 0 && channel.finishConnect();
                    } catch (IOException e) {
                        connectFailed(e);
                        connectNext();
                        return;
                    }
                    if (done) {
                        connected();
                    }
                }
                case TLS -> tlsStep();
                case WRITE -> {
                    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                        write();
                    }
                }
                case HEAD, BODY -> {
                    if ((readyOps & SelectionKey.OP_READ) != 0) {
                        read();
                    }
                }
                default -> {
                }
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void connected() throws IOException {
        if (!"wss".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            transport = new SocketTransport.Plain(loop, channel);
            state = State.WRITE;
            write();
            return;
        }
        state = State.TLS;
        ClientOptions o = client.options();
        int port = uri.getPort() >= 0 ? uri.getPort() : 443;
        tls = new TlsHandshake(channel, TlsHandshake.clientEngine(o.sslContext(), host(), port,
                o.hostnameVerification()), r -> {
                    if (!client.handlers().tryExecute(r)) {
                        r.run();
                    }
                }, () -> loop.execute(this::tlsStep));
        tls.begin();
        tlsStep();
    }

    /** The URI's host, without the brackets of an IPv6 literal. */
    private String host() {
        String h = uri.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** Continues the TLS handshake (loop thread); once done, sends the request. */
    private void tlsStep() {
        if (state != State.TLS) {
            return; // failed or abandoned meanwhile
        }
        try {
            switch (tls.step()) {
                case WANT_READ -> key.interestOps(SelectionKey.OP_READ);
                case WANT_WRITE -> key.interestOps(SelectionKey.OP_WRITE);
                case WAIT_TASK -> key.interestOps(0);
                case DONE -> {
                    transport = tls.transport(loop);
                    tls = null;
                    state = State.WRITE;
                    write();
                }
            }
        } catch (IOException e) {
            if (tls != null) {
                tls.alertQuietly();
            }
            count(RefusalReason.TLS);
            fail(e instanceof javax.net.ssl.SSLException ? new WebSocketException("TLS handshake with " + uri
                    + " failed: " + e.getMessage(), e) : e);
        } catch (RuntimeException e) {
            count(RefusalReason.TLS);
            fail(new WebSocketException("TLS handshake with " + uri + " failed", e));
        }
    }

    private void write() throws IOException {
        while (requestBytes.hasRemaining() && transport.write(requestBytes) > 0) {
            // as much as the socket takes
        }
        if (requestBytes.hasRemaining() || !transport.flush()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        state = State.HEAD;
        key.interestOps(SelectionKey.OP_READ);
        if (transport.hasBufferedInput()) {
            read();
        }
    }

    private void read() throws IOException {
        do {
            readOnce();
        } while ((state == State.HEAD || state == State.BODY) && transport.hasBufferedInput());
    }

    private void readOnce() throws IOException {
        ByteBuffer buf = loop.readBuffer();
        buf.clear();
        int n = transport.read(buf);
        if (n < 0) {
            fail(new WebSocketException("the server closed the connection during the handshake"));
            return;
        }
        buf.flip();
        if (state == State.HEAD) {
            boolean done;
            try {
                done = parser.feed(buf);
            } catch (HttpHeadParser.ParseException e) {
                count(RefusalReason.BAD_REQUEST);
                fail(new HandshakeException(0, "malformed handshake response: " + e.getMessage()));
                return;
            }
            if (!done) {
                return;
            }
            response = new HandshakeResponse(parser.httpVersion(), parser.status(), parser.reason(),
                    parser.headers());
            if (response.status() != 101) {
                refused(buf);
                return;
            }
            int length = handshake.responseBodyLength();
            body = ByteBuffer.allocate(Math.max(0, length));
            state = State.BODY;
        }
        int take = Math.min(buf.remaining(), body.remaining());
        ByteBuffer part = buf.duplicate();
        part.limit(part.position() + take);
        body.put(part);
        buf.position(buf.position() + take);
        if (!body.hasRemaining()) {
            leftover = ByteBuffer.allocate(buf.remaining());
            leftover.put(buf).flip();
            complete();
        }
    }

    private void refused(ByteBuffer rest) {
        count(RefusalReason.REJECTED);
        String quote = "";
        if (rest.hasRemaining()) {
            int n = Math.min(rest.remaining(), BODY_QUOTE_MAX);
            byte[] b = new byte[n];
            rest.get(b);
            quote = new String(b, StandardCharsets.UTF_8).strip();
        }
        fail(new HandshakeException(response.status(), "the server refused the handshake: " + response.statusLine()
                + (quote.isEmpty() ? "" : ": " + quote), response.headers()));
    }

    private void complete() {
        body.flip();
        FrameEngine engine;
        try {
            engine = handshake.complete(response, body);
        } catch (HandshakeException e) {
            count(RefusalReason.BAD_REQUEST);
            fail(e);
            return;
        } catch (RuntimeException e) {
            count(RefusalReason.ERROR);
            fail(new WebSocketException("the " + variant.name() + " variant failed to complete the handshake", e));
            return;
        }
        cancelTimer();
        state = State.DONE;
        counted = true;
        loop.meters.accepted(loop.clock() - startedAt);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        InetSocketAddress local;
        InetSocketAddress remote;
        try {
            local = (InetSocketAddress) channel.getLocalAddress();
            remote = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            fail(e);
            return;
        }
        ConnectionInfo info = ConnectionInfo.client(variant.name(), uri, path, uri.getRawQuery(),
                handshake.subprotocol(), request.subprotocols(), remote, local, requestCopy, response.headers());
        WsConnection c = new WsConnection(info, transport, loop, engine, client.settings(request), client.handlers(),
                client, request.listener());
        client.connectionOpened(c, variant);
        try {
            transport.useKey(key);
            c.start(null, leftover, null);
        } catch (IOException | RuntimeException e) {
            c.terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
            fail(e instanceof IOException io ? io : new WebSocketException("connection failed to start", e));
            return;
        }
        if (future.isDone()) {
            // the caller gave up (cancelled): do not leave the connection behind
            c.abort();
            return;
        }
        client.complete(future, c, null);
    }

    private void fail(IOException e) {
        count(e instanceof SocketTimeoutException ? RefusalReason.TIMEOUT : RefusalReason.DROPPED); // unless counted
        if (state != State.DONE) {
            state = State.DONE;
            cancelTimer();
            closeChannel();
        }
        client.complete(future, null, e);
    }

    private void abandon() {
        if (state != State.DONE) {
            count(RefusalReason.DROPPED);
            state = State.DONE;
            cancelTimer();
            closeChannel();
        }
    }

    private void closeChannel() {
        if (key != null) {
            key.cancel();
        }
        if (transport != null) {
            transport.close();
        } else if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }

    /** Counts how this attempt ended without a connection, if not counted yet (loop thread). */
    private void count(RefusalReason reason) {
        if (!counted) {
            counted = true;
            loop.meters.refused(reason);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    @Override
    public void loopClosed() {
        fail(new WebSocketException("the client stopped"));
    }
}
