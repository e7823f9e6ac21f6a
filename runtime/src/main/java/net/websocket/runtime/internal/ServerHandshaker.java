package net.websocket.runtime.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.Endpoint;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketMetrics.RefusalReason;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.TlsOptions;
import net.websocket.runtime.internal.HandshakeAcceptance.Refusal;
import net.websocket.runtime.internal.HandshakeAcceptance.Step;

/**
 * The server side of one accepted socket until it becomes a {@link WsConnection} or is refused: on a TLS server
 * first the TLS handshake, then it reads the request head with limits and a deadline (the handshake timeout covers
 * both), checks the HTTP rules every upgrade request must meet, picks the variant, reads the handshake body,
 * checks the origin, routes, runs the handshake hook on a handler thread, and writes the 101 or an error response.
 * What to answer is decided by {@link HandshakeAcceptance}; this class does the reading, writing and timing.
 *
 * <p>Its socket was admitted by {@link Admission} as it was accepted; it gives the counts back as it ends. Each
 * readiness event takes one of its loop's handshake steps ({@link IoLoop#takeHandshakeStep()}), and so does the first
 * read, made as soon as the socket is registered (a client's request nearly always arrives with its connection, so it
 * is read without another select); when the loop's round has none left, the input waits in the socket for the next
 * round.
 *
 * <p>Refusals are answered {@code HTTP/1.1 <status>} with a short plain-text body and {@code Connection: close};
 * then output is shut down and input discarded until the client closes or a short linger ends, so that the client
 * reads the response instead of a reset.
 *
 * <p>The connection's settings are the server's, with the overrides of its route and entry and then of the hook's
 * acceptance on top; when those change the engine limits, the variant accepts with them.
 */
final class ServerHandshaker implements IoLoop.Handler {

    /** How long a refused client may keep sending before its socket is closed. */
    static final long ERROR_LINGER_NANOS = 2_000_000_000L;

    private enum State {
        TLS,
        HEAD,
        BODY,
        HOOK,
        ERROR,
        DONE
    }

    private final ServerImpl server;
    private final IoLoop loop;
    private final SocketChannel channel;
    private final InetAddress from;
    private final HttpHeadParser parser;
    private final TlsOptions tlsOptions;
    private SocketTransport transport;
    private TlsHandshake tls;
    private SelectionKey key;
    private State state = State.HEAD;
    private IoLoop.Timer timer;
    private InetSocketAddress remote;
    private InetSocketAddress local;
    private ByteBuffer leftover;
    private ByteBuffer body;
    private HandshakeRequest request;
    private ProtocolVariant variant;
    private ServerHandshake handshake;
    private ServiceMapper.Selected selected;
    /** The extensions the hook may narrow; {@code null} when there is nothing to narrow. */
    private ExtensionGate gate;
    private boolean reserved;
    private ByteBuffer errorResponse;
    /** Whether this handshake still holds what {@link Admission} counted for it. */
    private boolean admitted = true;
    /** When the socket was accepted (the handshake's duration starts there). */
    private final long startedAt;
    /** Whether how this handshake ended is counted in the loop's {@link LoopMeters}. */
    private boolean counted;

    /** A handshake on a socket from {@code from} that {@link Admission} admitted. */
    ServerHandshaker(ServerImpl server, IoLoop loop, SocketChannel channel, InetAddress from) {
        this.server = server;
        this.loop = loop;
        this.channel = channel;
        this.from = from;
        this.startedAt = loop.clock();
        this.parser = new HttpHeadParser(HttpHeadParser.Mode.REQUEST, server.options().maxRequestHeadSize());
        this.tlsOptions = server.options().tlsOptions().orElse(null);
        if (tlsOptions == null) {
            this.transport = new SocketTransport.Plain(loop, channel);
        } else {
            this.state = State.TLS;
        }
    }

    /**
     * Registers with the loop and starts the handshake deadline (loop thread). Whatever fails here (an exception or
     * an error) drops the socket and nothing else.
     */
    void start() {
        try {
            begin();
        } catch (Throwable t) {
            QuietLog.log(Logs.HANDSHAKE, Level.DEBUG, "handshake failed to start", t);
            close();
        }
    }

    private void begin() {
        try {
            remote = (InetSocketAddress) channel.getRemoteAddress();
            local = (InetSocketAddress) channel.getLocalAddress();
            key = loop.register(channel, SelectionKey.OP_READ, this);
        } catch (IOException e) {
            close();
            return;
        }
        server.handshakeStarted(this);
        if (state == State.DONE) {
            return; // the server is stopping
        }
        timer = loop.schedule(Durations.nanos(server.options().handshakeTimeout()), this::timedOut);
        if (state == State.TLS) {
            try {
                tls = new TlsHandshake(channel, TlsHandshake.serverEngine(tlsOptions), r -> {
                    if (!server.handlers().tryExecute(r)) {
                        r.run();
                    }
                }, () -> loop.execute(this::tlsStep));
                tls.begin();
            } catch (IOException | RuntimeException e) {
                Logs.HANDSHAKE.log(Level.WARNING, "cannot start TLS", e);
                count(RefusalReason.ERROR);
                close();
                return;
            }
            tlsStep();
        } else if (loop.takeHandshakeStep()) {
            readInput(); // the request mostly came with the connection: read it now, not after another select
        }
    }

    /** Continues the TLS handshake (loop thread); once done, reads the request head. */
    private void tlsStep() {
        if (state != State.TLS) {
            return; // closed meanwhile
        }
        TlsHandshake.Progress p;
        try {
            p = tls.step();
        } catch (IOException | RuntimeException e) {
            Logs.HANDSHAKE.log(Level.DEBUG, "TLS handshake with " + remote + " failed", e);
            count(RefusalReason.TLS);
            tls.alertQuietly();
            close();
            return;
        }
        switch (p) {
            case WANT_READ -> key.interestOps(SelectionKey.OP_READ);
            case WANT_WRITE -> key.interestOps(SelectionKey.OP_WRITE);
            case WAIT_TASK -> key.interestOps(0);
            case DONE -> {
                transport = tls.transport(loop);
                tls = null;
                state = State.HEAD;
                key.interestOps(SelectionKey.OP_READ);
                if (transport.hasBufferedInput()) {
                    readInput(); // the request came with the end of the TLS handshake
                }
            }
        }
    }

    IoLoop loop() {
        return loop;
    }

    // ------------------------------------------------------------------------------------------------- I/O

    @Override
    public void ready(SelectionKey k, int readyOps) {
        if (state == State.TLS) {
            if (loop.takeHandshakeStep()) {
                tlsStep();
            } // else the round's handshake work is done: the socket stays ready for the next round
            return;
        }
        if (state == State.ERROR) {
            if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                writeError();
            }
            if (state == State.ERROR && (readyOps & SelectionKey.OP_READ) != 0) {
                discard();
            }
            return;
        }
        if ((readyOps & SelectionKey.OP_READ) == 0 || (state != State.HEAD && state != State.BODY)) {
            return;
        }
        if (loop.takeHandshakeStep()) {
            readInput();
        } // else the round's handshake work is done: the input waits for the next round
    }

    /** Reads the head and body, including input the transport already holds (loop thread). */
    private void readInput() {
        do {
            ByteBuffer buf = loop.readBuffer();
            buf.clear();
            int n;
            try {
                n = transport.read(buf);
            } catch (IOException e) {
                Logs.HANDSHAKE.log(Level.DEBUG, "handshake read failed", e);
                close();
                return;
            }
            if (n < 0) {
                close();
                return;
            }
            buf.flip();
            consume(buf);
        } while ((state == State.HEAD || state == State.BODY) && transport.hasBufferedInput());
    }

    private void consume(ByteBuffer buf) {
        if (state == State.HEAD) {
            boolean done;
            try {
                done = parser.feed(buf);
            } catch (HttpHeadParser.ParseException e) {
                refuse(HandshakeAcceptance.malformed(e), RefusalReason.BAD_REQUEST);
                return;
            }
            if (done) {
                leftover = ByteBuffer.allocate(buf.remaining());
                leftover.put(buf).flip();
                onHead();
            }
        } else {
            int take = Math.min(buf.remaining(), body.remaining());
            ByteBuffer part = buf.duplicate();
            part.limit(part.position() + take);
            body.put(part);
            buf.position(buf.position() + take);
            if (!body.hasRemaining()) {
                leftover = ByteBuffer.allocate(buf.remaining());
                leftover.put(buf).flip();
                afterBody();
            }
        }
    }

    private void onHead() {
        request = new HandshakeRequest(parser.method(), parser.target(), parser.httpVersion(), parser.headers(),
                remote, local, transport.secure()).withSslSession(transport.sslSession());
        Refusal unlawful = HandshakeAcceptance.checkHttp(request);
        if (unlawful != null) {
            refuse(unlawful, RefusalReason.BAD_REQUEST);
            return;
        }
        Step<ProtocolVariant> chosen = HandshakeAcceptance.chooseVariant(request, server.variants());
        if (chosen.refused()) {
            refuse(chosen.refusal(), byStatus(chosen.refusal()));
            return;
        }
        variant = chosen.value();
        EngineConfig config = server.engineConfig();
        gate = ExtensionGate.around(config, server.options().handshakeHook());
        Step<ServerHandshake> started = HandshakeAcceptance.start(variant, request, gate == null ? config
                : gate.config());
        if (started.refused()) {
            refuse(started.refusal(), byStatus(started.refusal()));
            return;
        }
        handshake = started.value();
        int length = handshake.bodyLength();
        if (length <= 0) {
            afterBody();
            return;
        }
        body = ByteBuffer.allocate(length);
        int take = Math.min(leftover.remaining(), length);
        ByteBuffer part = leftover.duplicate();
        part.limit(part.position() + take);
        body.put(part);
        leftover.position(leftover.position() + take);
        if (body.hasRemaining()) {
            state = State.BODY;
        } else {
            leftover = leftover.slice();
            afterBody();
        }
    }

    private void afterBody() {
        if (body != null) {
            body.flip();
            Refusal bad = HandshakeAcceptance.readBody(variant, handshake, body);
            if (bad != null) {
                refuse(bad, byStatus(bad));
                return;
            }
        }
        ServerOptions options = server.options();
        Refusal denied = HandshakeAcceptance.checkOrigin(request, options.originPolicy(), options.accessDeniedStatus(),
                options.accessDeniedBody());
        if (denied != null) {
            refuse(denied, denied == HandshakeAcceptance.INTERNAL_ERROR ? RefusalReason.ERROR : RefusalReason.ORIGIN);
            return;
        }
        Step<ServiceMapper.Selected> routed = HandshakeAcceptance.select(request, handshake.offeredSubprotocols(),
                server::mapper);
        if (routed.refused()) {
            refuse(routed.refusal(), routed.refusal() == HandshakeAcceptance.INTERNAL_ERROR ? RefusalReason.ERROR
                    : RefusalReason.NO_ROUTE);
            return;
        }
        selected = routed.value();
        if (!server.tryReserve()) {
            refuse(HandshakeAcceptance.TOO_MANY_CONNECTIONS, RefusalReason.LIMITS);
            return;
        }
        reserved = true;
        state = State.HOOK;
        cancelTimer();
        key.interestOps(0);
        Step<Boolean> decides = HandshakeAcceptance.hookDecides(server.options().handshakeHook(), request);
        if (decides.refused() || !decides.value()) {
            // nothing to wait for: no hop to a handler thread and back for this handshake
            finish(decides.refused() ? Step.refuse(decides.refusal())
                    : HandshakeAcceptance.askHook(HandshakeHook.ACCEPT_ALL, request));
            return;
        }
        if (!server.handlers().tryExecute(this::runHook)) {
            refuse(HandshakeAcceptance.SERVER_STOPPING, RefusalReason.ERROR);
        }
    }

    /** Runs the handshake hook (handler thread). */
    private void runHook() {
        Step<HandshakeDecision.Accept> verdict = HandshakeAcceptance.askHook(server.options().handshakeHook(),
                request);
        loop.execute(() -> finish(verdict));
    }

    /** Acts on the hook's verdict (loop thread). */
    private void finish(Step<HandshakeDecision.Accept> verdict) {
        if (state != State.HOOK) {
            return; // closed meanwhile (timeout, server stopping)
        }
        if (verdict.refused()) {
            refuse(verdict.refusal(), verdict.refusal() == HandshakeAcceptance.INTERNAL_ERROR ? RefusalReason.ERROR
                    : RefusalReason.HOOK);
            return;
        }
        HandshakeDecision.Accept a = verdict.value();
        Step<String> answered = HandshakeAcceptance.subprotocol(selected, a, handshake.offeredSubprotocols());
        if (answered.refused()) {
            refuse(answered.refusal(), RefusalReason.ERROR);
            return;
        }
        String subprotocol = answered.value();
        if (gate != null) {
            gate.allow(a.extensions());
        }
        ConnectionSettings base = server.settings();
        ConnectionSettings settings = base.with(selected.overrides().then(a.overrides()));
        ByteBuffer response;
        FrameEngine engine;
        long messageLimit = ListenerIntake.engineMessageLimit(selected.endpoint(), settings);
        try {
            response = settings.maxFrameSize() != base.maxFrameSize() || messageLimit != base.maxMessageSize()
                    ? handshake.accept(subprotocol, a.headers(), settings.maxFrameSize(), messageLimit)
                    : handshake.accept(subprotocol, a.headers());
            engine = handshake.engine();
        } catch (RuntimeException e) {
            Logs.HANDSHAKE.log(Level.WARNING, "variant " + variant.name() + " failed to accept", e);
            refuse(HandshakeAcceptance.INTERNAL_ERROR, RefusalReason.ERROR);
            return;
        }
        Endpoint endpoint = selected.endpoint();
        ConnectionInfo info = ConnectionInfo.server(variant.name(), request, subprotocol,
                handshake.offeredSubprotocols(), a.state(), response, selected.pathPattern());
        WsConnection c = new WsConnection(info, transport, loop, engine, settings, server.handlers(), server,
                endpoint instanceof Listener l ? l : null);
        state = State.DONE;
        reserved = false; // the connection releases it when it closes
        counted = true;
        loop.meters.accepted(loop.clock() - startedAt);
        endAdmission(true); // the connection gives its address count back when it closes
        server.handshakeEnded(this);
        server.connectionOpened(c, variant);
        try {
            transport.useKey(key);
            c.start(response, leftover, endpoint instanceof Handler h ? h : null);
        } catch (IOException | RuntimeException e) {
            Logs.CONNECTION.log(Level.DEBUG, () -> Logs.about(c, "failed to start"), e);
            c.terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
            return;
        }
        if (!server.isRunning()) {
            c.close(CloseCodes.GOING_AWAY, "going away");
        }
    }

    // ------------------------------------------------------------------------------------------ refusing

    /** Answers with an error response, then closes (loop thread); counts it as refused for {@code reason}. */
    private void refuse(Refusal refusal, RefusalReason reason) {
        if (state == State.ERROR || state == State.DONE) {
            return;
        }
        count(reason);
        releaseReservation();
        state = State.ERROR;
        cancelTimer();
        errorResponse = refusal.response();
        timer = loop.schedule(ERROR_LINGER_NANOS, this::close);
        if (key.isValid()) {
            key.interestOps(SelectionKey.OP_WRITE);
        }
        writeError();
    }

    private void writeError() {
        try {
            while (errorResponse.hasRemaining() && transport.write(errorResponse) > 0) {
                // as much as the socket takes
            }
            if (errorResponse.hasRemaining() || !transport.flush() || !transport.shutdownOutput()) {
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            key.interestOps(SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /** Reads and drops what a refused client still sends, until it closes. */
    private void discard() {
        ByteBuffer buf = loop.readBuffer();
        for (int i = 0; i < IoLoop.READS_PER_EVENT; i++) {
            buf.clear();
            int n;
            try {
                n = transport.read(buf);
            } catch (IOException e) {
                close();
                return;
            }
            if (n < 0) {
                close();
                return;
            }
            if (n < buf.capacity() && !transport.hasBufferedInput()) {
                return;
            }
        }
    }

    private void timedOut() {
        timer = null;
        if (state == State.TLS || state == State.HEAD || state == State.BODY) {
            Logs.HANDSHAKE.log(Level.DEBUG, "handshake timed out from " + remote);
            count(RefusalReason.TIMEOUT);
            close();
        }
    }

    /** Counts how this handshake ended without a connection, if not counted yet (loop thread). */
    private void count(RefusalReason reason) {
        if (!counted) {
            counted = true;
            loop.meters.refused(reason);
        }
    }

    /** The reason of a refusal its status tells: ours (5xx), or a bad request. */
    private static RefusalReason byStatus(Refusal refusal) {
        return refusal.status() >= 500 ? RefusalReason.ERROR : RefusalReason.BAD_REQUEST;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Gives back the handshake {@link Admission} counted, and the address count unless {@code upgraded}; once. */
    private void endAdmission(boolean upgraded) {
        if (admitted) {
            admitted = false;
            server.admission().handshakeEnded(from, upgraded);
        }
    }

    private void releaseReservation() {
        if (reserved) {
            reserved = false;
            server.release();
        }
    }

    /** Drops the socket (loop thread). */
    void close() {
        if (state == State.DONE) {
            return;
        }
        count(RefusalReason.DROPPED); // unless counted already
        state = State.DONE;
        cancelTimer();
        releaseReservation();
        endAdmission(false);
        if (key != null) {
            key.cancel();
        }
        if (transport != null) {
            transport.close();
        } else {
            try {
                channel.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
        server.handshakeEnded(this);
    }

    @Override
    public void loopClosed() {
        close();
    }
}
