package net.websocket.runtime.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.Endpoint;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.internal.HandshakeAcceptance.Refusal;
import net.websocket.runtime.internal.HandshakeAcceptance.Step;

/**
 * One handshake of a {@link HostedServer}: the request head came through another HTTP server, which also writes the
 * response head; this decides it with the same steps as {@link ServerHandshaker} ({@link HandshakeAcceptance}: the
 * HTTP rules, the variant, the origin, the route, the connection limit, the hook), then, once the hosting server has
 * switched protocols, runs the connection over its byte stream.
 *
 * <p>A variant whose handshake has bytes after the request head (hybi-00's 8-byte key) gets them from the upgraded
 * stream, after the hosting server has sent the response head: so the head is decided first, by a second handshake of
 * the same variant given a zero body, and the real one, given the real bytes, must answer the same head (else the
 * connection is dropped); its bytes after the head (hybi-00's 16-byte answer) are the first the stream carries.
 * A hosting server that can hand the stream over before it has sent anything {@linkplain #open(StreamTransport.Stream,
 * boolean) leaves the whole response to the connection} instead: the connection then reads those bytes first and
 * writes the real handshake's response, status line, fields and answer, as the runtime's own server does.
 */
public final class HostedHandshake {

    private final HostedServer server;
    private final HandshakeRequest request;
    private Refusal refusal;
    private HttpHeadParser head;
    private int headLength;
    private ProtocolVariant variant;
    private ServerHandshake handshake;
    private ServiceMapper.Selected selected;
    private HandshakeDecision.Accept accept;
    /** The subprotocol answered, {@code null} for none. */
    private String subprotocol;
    /** The extensions the hook may narrow; {@code null} when there is nothing to narrow. */
    private ExtensionGate gate;
    private ConnectionSettings settings;
    private ByteBuffer response;
    private boolean reserved;
    /** Whether the connection writes the whole response (the hosting server sent nothing); set by {@link #open}. */
    private boolean writesHead;

    private HostedHandshake(HostedServer server, HandshakeRequest request) {
        this.server = server;
        this.request = request;
    }

    static HostedHandshake decide(HostedServer server, HandshakeRequest request) {
        HostedHandshake h = new HostedHandshake(server, request);
        h.refusal = h.run();
        if (h.refusal != null) {
            h.releaseReservation();
        }
        return h;
    }

    private Refusal run() {
        if (!server.isRunning()) {
            return HandshakeAcceptance.SERVER_STOPPING;
        }
        Refusal unlawful = HandshakeAcceptance.checkHttp(request);
        if (unlawful != null) {
            return unlawful;
        }
        Step<ProtocolVariant> chosen = HandshakeAcceptance.chooseVariant(request, server.variants());
        if (chosen.refused()) {
            return chosen.refusal();
        }
        variant = chosen.value();
        EngineConfig config = server.engineConfig();
        gate = ExtensionGate.around(config, server.options().handshakeHook());
        Step<ServerHandshake> started = HandshakeAcceptance.start(variant, request, engineConfig());
        if (started.refused()) {
            return started.refusal();
        }
        handshake = started.value();
        ServerOptions options = server.options();
        Step<ServiceMapper.Selected> routed = HandshakeAcceptance.route(request, handshake.offeredSubprotocols(),
                options.originPolicy(), options.accessDeniedStatus(), options.accessDeniedBody(), server::mapper);
        if (routed.refused()) {
            return routed.refusal();
        }
        selected = routed.value();
        if (!server.tryReserve()) {
            return HandshakeAcceptance.TOO_MANY_CONNECTIONS;
        }
        reserved = true;
        HandshakeHook hook = options.handshakeHook();
        Step<Boolean> decides = HandshakeAcceptance.hookDecides(hook, request);
        if (decides.refused()) {
            return decides.refusal();
        }
        Step<HandshakeDecision.Accept> verdict = HandshakeAcceptance.askHook(
                decides.value() ? hook : HandshakeHook.ACCEPT_ALL, request);
        if (verdict.refused()) {
            return verdict.refusal();
        }
        accept = verdict.value();
        Step<String> answered = HandshakeAcceptance.subprotocol(selected, accept, handshake.offeredSubprotocols());
        if (answered.refused()) {
            return answered.refusal();
        }
        subprotocol = answered.value();
        if (gate != null) {
            gate.allow(accept.extensions());
        }
        ConnectionSettings base = server.settings();
        settings = base.with(selected.overrides().then(accept.overrides()));
        try {
            ServerHandshake answering = handshake;
            if (handshake.bodyLength() > 0) {
                answering = variant.startServer(request, engineConfig());
                answering.readBody(ByteBuffer.allocate(handshake.bodyLength()));
            }
            ByteBuffer probe = acceptWith(answering);
            head = HttpHeadParser.parseComplete(HttpHeadParser.Mode.RESPONSE, probe);
            headLength = head.size();
            if (handshake.bodyLength() == 0) {
                response = probe;
            }
        } catch (Exception e) {
            IoLoop.LOG.log(Level.WARNING, "variant " + variant.name() + " failed to accept", e);
            return HandshakeAcceptance.INTERNAL_ERROR;
        }
        return null;
    }

    private ByteBuffer acceptWith(ServerHandshake h) {
        ConnectionSettings base = server.settings();
        long messageLimit = ListenerIntake.engineMessageLimit(selected.endpoint(), settings);
        return settings.maxFrameSize() != base.maxFrameSize() || messageLimit != base.maxMessageSize()
                ? h.accept(subprotocol, accept.headers(), settings.maxFrameSize(), messageLimit)
                : h.accept(subprotocol, accept.headers());
    }

    /** The engine config a handshake starts with: the server's, its extensions behind the gate if there is one. */
    private EngineConfig engineConfig() {
        return gate == null ? server.engineConfig() : gate.config();
    }

    // -------------------------------------------------------------------------------------------- the answer

    /** Whether the handshake is accepted: the hosting server switches protocols and calls {@link #open}. */
    public boolean accepted() {
        return refusal == null;
    }

    /** The status to answer: 101 when accepted, else the refusal's. */
    public int status() {
        return accepted() ? head.status() : refusal.status();
    }

    /** The response header fields: the variant's when accepted, else the refusal's. */
    public Headers headers() {
        return accepted() ? head.headers() : refusal.headers();
    }

    /** The plain-text body of a refusal (the status's reason phrase when it has no message); empty when accepted. */
    public String refusalText() {
        if (accepted()) {
            return "";
        }
        String m = refusal.message();
        return (m == null || m.isEmpty() ? HttpResponses.reason(refusal.status()) : m) + "\n";
    }

    /** The count of handshake bytes that follow the request head on the stream (hybi-00's key: 8); 0 if none. */
    public int bodyLength() {
        return accepted() ? handshake.bodyLength() : 0;
    }

    /** Gives back what an accepted handshake holds when the hosting server could not switch protocols. */
    public void abandon() {
        releaseReservation();
    }

    private void releaseReservation() {
        if (reserved) {
            reserved = false;
            server.release();
        }
    }

    /**
     * Runs the accepted connection over {@code stream}, whose owner has sent the response head; returns the signals
     * the owner reports the stream's readiness with (any thread).
     */
    public StreamTransport.Signals open(StreamTransport.Stream stream) {
        return open(stream, false);
    }

    /**
     * Runs the accepted connection over {@code stream}; returns the signals the owner reports the stream's readiness
     * with (any thread).
     *
     * @param stream     the upgraded stream
     * @param writesHead {@code false} if its owner has sent the response head; {@code true} if it has sent nothing,
     *                   and the connection writes the whole response once it has read the handshake's body
     */
    public StreamTransport.Signals open(StreamTransport.Stream stream, boolean writesHead) {
        if (!accepted()) {
            throw new IllegalStateException("the handshake was refused");
        }
        this.writesHead = writesHead;
        IoLoop loop = server.nextLoop();
        StreamTransport transport = new StreamTransport(loop, stream, request.secure());
        loop.execute(() -> begin(loop, transport));
        return transport.signals();
    }

    /** Reads the handshake's body, if it has one, then starts the connection (loop thread). */
    private void begin(IoLoop loop, StreamTransport transport) {
        if (handshake.bodyLength() == 0) {
            startConnection(loop, transport, null);
            return;
        }
        new BodyReader(loop, transport).start();
    }

    /** Reads the bytes of the handshake that follow the head, within the handshake timeout (loop thread). */
    private final class BodyReader implements Transport.Events {
        private final IoLoop loop;
        private final StreamTransport transport;
        private final ByteBuffer body = ByteBuffer.allocate(handshake.bodyLength());
        private IoLoop.Timer timer;
        private boolean done;

        BodyReader(IoLoop loop, StreamTransport transport) {
            this.loop = loop;
            this.transport = transport;
        }

        void start() {
            timer = loop.schedule(Durations.nanos(server.options().handshakeTimeout()),
                    () -> drop("handshake timed out"));
            transport.attach(this);
            transport.interest(true, false);
        }

        @Override
        public void readable() {
            if (done) {
                return;
            }
            try {
                int n = transport.read(body);
                if (n < 0) {
                    drop("stream ended in the handshake");
                    return;
                }
            } catch (IOException e) {
                drop("handshake read failed");
                return;
            }
            if (!body.hasRemaining()) {
                done = true;
                timer.cancel();
                transport.interest(false, false);
                body.flip();
                startConnection(loop, transport, body);
            }
        }

        @Override
        public void writable() {
        }

        @Override
        public void failed(Throwable error) {
            drop("stream failed");
        }

        @Override
        public void loopClosed() {
            drop("server stopping");
        }

        private void drop(String why) {
            if (!done) {
                done = true;
                if (timer != null) {
                    timer.cancel();
                }
                IoLoop.LOG.log(Level.DEBUG, why + " from " + request.remoteAddress());
                releaseReservation();
                transport.close();
            }
        }
    }

    /** Starts the connection; {@code body} is the handshake's body, or {@code null} when it has none (loop). */
    private void startConnection(IoLoop loop, StreamTransport transport, ByteBuffer body) {
        ByteBuffer first;
        try {
            if (body != null) {
                handshake.readBody(body);
                response = acceptWith(handshake);
                HttpHeadParser real = HttpHeadParser.parseComplete(HttpHeadParser.Mode.RESPONSE, response);
                if (!writesHead && (real.size() != headLength || !sameHeaders(real))) {
                    throw new IOException("the variant's response head depends on the handshake's body");
                }
            }
            first = response.duplicate();
            if (!writesHead) {
                first.position(first.position() + headLength); // the hosting server sent the head
            }
        } catch (Exception e) {
            IoLoop.LOG.log(Level.DEBUG, "handshake from " + request.remoteAddress() + " failed", e);
            releaseReservation();
            transport.close();
            return;
        }
        FrameEngine engine = handshake.engine();
        Endpoint endpoint = selected.endpoint();
        ConnectionInfo info = ConnectionInfo.server(variant.name(), request, subprotocol,
                handshake.offeredSubprotocols(), accept.state(), response);
        WsConnection c = new WsConnection(info, transport, loop, engine, settings, server.handlers(), server,
                endpoint instanceof Listener l ? l : null);
        reserved = false; // the connection releases it when it closes
        server.connectionOpened(c, variant);
        try {
            c.start(first, null, endpoint instanceof Handler h ? h : null);
        } catch (IOException | RuntimeException e) {
            IoLoop.LOG.log(Level.DEBUG, "connection failed to start", e);
            c.terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
        }
    }

    private boolean sameHeaders(HttpHeadParser real) {
        return real.status() == head.status() && real.headers().asList().equals(head.headers().asList());
    }
}
