package net.websocket.runtime.internal;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
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
import net.websocket.api.Headers;
import net.websocket.api.WebSocketException;
import net.websocket.api.WebSocketMetrics.RefusalReason;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.TlsOptions;

/**
 * The client side of one connection attempt until it becomes a {@link WsConnection}: a non-blocking connect, through
 * an HTTP proxy a CONNECT tunnel ({@link ProxyTunnel}, with one retry with credentials after a 407), for
 * {@code wss://} the TLS handshake (with SNI and, unless turned off, host name verification, both for the URI's
 * host), the request, the response head and body, all within the request's timeout. A redirect the client follows
 * ends this attempt and starts another ({@link Redirects}).
 */
final class ClientHandshaker implements IoLoop.Handler {

    /** How much of a refusal's body is quoted in the exception message. */
    static final int BODY_QUOTE_MAX = 200;

    private enum State {
        CONNECT,
        /** Sending the proxy the CONNECT request. */
        TUNNEL_WRITE,
        /** Reading the proxy's answer. */
        TUNNEL_HEAD,
        /** Waiting for the authenticator's credentials (a handler thread asks it), no socket open. */
        TUNNEL_AUTH,
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
    /** Directly or through a proxy, and the addresses (the server's or the proxy's) tried in order. */
    private final ClientRoute route;
    /** The URIs asked so far for this connect, this one last (redirects). */
    private final List<URI> trail;
    private final List<InetSocketAddress> targets;
    private int nextTarget;
    /** The CONNECT exchange with the proxy while it lasts. */
    private ProxyTunnel tunnel;
    /** The Proxy-Authorization value, once a 407 asked for it and the authenticator gave credentials. */
    private String proxyAuthorization;
    private boolean tunnelOpen;
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
            ClientHandshake handshake, ClientRoute route, List<URI> trail, long deadline,
            CompletableFuture<Connection> future) {
        this.client = client;
        this.handshake = handshake;
        this.loop = loop;
        this.uri = uri;
        this.request = request;
        this.variant = variant;
        this.route = route;
        this.trail = trail;
        this.targets = route.addresses();
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
        if (connectFailure == null) {
            fail(new WebSocketException("no address for " + uri));
        } else if (route.tunnel()) {
            client.proxyFailed(uri, route.proxy(), connectFailure);
            fail(ProxyTunnel.unreachable(route.proxy(), uri, connectFailure));
        } else {
            fail(connectFailure);
        }
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
                case TUNNEL_WRITE -> {
                    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                        writeTunnelRequest();
                    }
                }
                case TUNNEL_HEAD -> {
                    if ((readyOps & SelectionKey.OP_READ) != 0) {
                        readTunnelAnswer();
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
        if (route.tunnel() && !tunnelOpen) {
            openTunnel();
            return;
        }
        if (!"wss".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            transport = new SocketTransport.Plain(loop, channel);
            state = State.WRITE;
            write();
            return;
        }
        state = State.TLS;
        ClientOptions o = client.options();
        int port = uri.getPort() >= 0 ? uri.getPort() : 443;
        // the request's own context, if it has one, with the client's other TLS settings
        TlsOptions t = request.sslContext().map(c -> o.tlsOptions().toBuilder().context(c).build())
                .orElse(o.tlsOptions());
        tls = new TlsHandshake(channel, TlsHandshake.clientEngine(t, host(), port), r -> {
                    if (!client.handlers().tryExecute(r)) {
                        r.run();
                    }
                }, () -> loop.execute(this::tlsStep));
        tls.begin();
        tlsStep();
    }

    // ------------------------------------------------------------------------------------ the proxy's tunnel

    /** Sends the proxy the CONNECT request (loop thread; the TCP connection to the proxy is up). */
    private void openTunnel() throws IOException {
        state = State.TUNNEL_WRITE;
        tunnel = new ProxyTunnel(route.proxy(), uri, proxyAuthorization, client.options().maxResponseHeadSize());
        writeTunnelRequest();
    }

    private void writeTunnelRequest() throws IOException {
        ByteBuffer out = tunnel.request();
        while (out.hasRemaining() && channel.write(out) > 0) {
            // as much as the socket takes
        }
        if (out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        state = State.TUNNEL_HEAD;
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Reads the proxy's answer (its head bounded by maxResponseHeadSize); acts on it once complete. */
    private void readTunnelAnswer() throws IOException {
        ByteBuffer in = loop.readBuffer();
        in.clear();
        if (channel.read(in) < 0) {
            fail(tunnel.closedEarly());
            return;
        }
        in.flip();
        HttpHeadParser answer = tunnel.answer(in);
        if (answer == null) {
            return;
        }
        if (ProxyTunnel.established(answer.status())) {
            tunnel = null;
            tunnelOpen = true;
            connected();
        } else if (answer.status() == 407) {
            proxyAuthenticationRequired(answer);
        } else {
            fail(tunnel.refused(answer, ""));
        }
    }

    /**
     * A 407: asks the authenticator (on a handler thread: it may block or prompt) for credentials to send with a
     * new CONNECT on a new connection to the proxy, once; else fails.
     */
    private void proxyAuthenticationRequired(HttpHeadParser p) {
        Authenticator authenticator = client.options().authenticator().orElse(null);
        String realm = ProxyTunnel.basicRealm(p.headers());
        String why = ProxyTunnel.noCredentials(proxyAuthorization != null, authenticator, realm, p.headers());
        if (why != null) {
            fail(tunnel.refused(p, why));
            return;
        }
        HandshakeException refusal = tunnel.refused(p, "the Authenticator has no credentials for it");
        state = State.TUNNEL_AUTH;
        closeChannel();
        key = null;
        channel = null;
        Proxy proxy = route.proxy();
        boolean asked = client.handlers().tryExecute(() -> {
            PasswordAuthentication credentials;
            try {
                credentials = ProxyTunnel.ask(authenticator, proxy, uri, realm);
            } catch (RuntimeException e) {
                loop.execute(() -> fail(new WebSocketException("the Authenticator failed", e)));
                return;
            }
            String authorization = credentials == null ? null : ProxyTunnel.basic(credentials);
            loop.execute(() -> retryTunnel(authorization, refusal));
        });
        if (!asked) {
            fail(new WebSocketException("the client stopped"));
        }
    }

    /** Connects to the proxy again, now with credentials (loop thread). */
    private void retryTunnel(String authorization, HandshakeException refusal) {
        if (state != State.TUNNEL_AUTH) {
            return; // timed out or abandoned meanwhile
        }
        if (authorization == null) {
            fail(refusal);
            return;
        }
        proxyAuthorization = authorization;
        state = State.CONNECT;
        nextTarget = Math.max(0, nextTarget - 1); // the address that answered
        connectNext();
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
                if (Redirects.isRedirect(response.status()) && client.options().maxRedirects() > 0) {
                    redirect();
                } else {
                    refused(buf);
                }
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

    /** Follows the redirect in {@link #response}, or fails if it is not to be followed (loop thread). */
    private void redirect() {
        URI to;
        try {
            ClientOptions o = client.options();
            to = Redirects.next(uri, response, trail, o.maxRedirects(), o.redirectToPlainAllowed());
        } catch (HandshakeException e) {
            fail(e);
            return;
        }
        state = State.DONE;
        cancelTimer();
        closeChannel();
        List<URI> next = Redirects.append(trail, to);
        Headers headers = response.headers();
        // the cookie handler, the proxy selector and name resolution may block: a handler thread
        if (!client.handlers().tryExecute(() -> client.redirect(uri, headers, to, request, variant, deadline, future,
                next))) {
            client.complete(future, null, new WebSocketException("the client stopped"));
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
        String location = response.headers().get("Location");
        String redirect = Redirects.isRedirect(response.status()) && location != null ? " (a redirect to " + location
                + ", not followed: ClientOptions.maxRedirects is 0)" : "";
        fail(new HandshakeException(response.status(), "the server refused the handshake: " + response.statusLine()
                + redirect + (quote.isEmpty() ? "" : ": " + quote), response.headers()));
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
        client.opened(uri, response.headers(), future, c);
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
