package net.websocket.runtime.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

import net.websocket.runtime.TlsOptions;

/**
 * The initial TLS handshake of one socket, driven step by step by its owner (a handshaker) on the loop thread: each
 * {@link #step()} goes as far as it can and says what it waits for. Delegated tasks (certificate checks, key
 * agreement) run on a worker thread, never on the loop; when they are done the owner is asked to step again. Once
 * done, {@link #transport(IoLoop)} continues with the same engine and buffers (bytes that arrived after the handshake
 * are kept).
 */
final class TlsHandshake {

    /** What a step ended with. */
    enum Progress {
        /** The handshake is complete. */
        DONE,
        /** Waiting for the socket to become readable. */
        WANT_READ,
        /** Waiting for the socket to become writable. */
        WANT_WRITE,
        /** Waiting for delegated tasks; the owner is resumed when they are done. */
        WAIT_TASK
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final Consumer<Runnable> worker;
    private final Runnable resume;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;

    /**
     * @param worker runs delegated tasks off the loop thread
     * @param resume called (on the worker thread) when the tasks are done: the owner steps again on its loop
     */
    TlsHandshake(SocketChannel channel, SSLEngine engine, Consumer<Runnable> worker, Runnable resume) {
        this.channel = channel;
        this.engine = engine;
        this.worker = worker;
        this.resume = resume;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.appIn.flip();
        this.netOut = ByteBuffer.allocate(packet);
        this.netOut.flip();
    }

    /**
     * A server engine for a new connection: the options' current context, protocol versions and cipher suites, and
     * whether the client is asked for a certificate.
     */
    static SSLEngine serverEngine(TlsOptions options) {
        SSLEngine e = options.context().createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = parameters(e, options);
        switch (options.clientAuth()) {
            case NEED -> p.setNeedClientAuth(true);
            case WANT -> p.setWantClientAuth(true);
            case NONE -> {
            }
        }
        e.setSSLParameters(p);
        return e;
    }

    /**
     * A client engine: server name indication (SNI) for {@code host} unless it is an IP literal, and the server's
     * certificate checked against the host (endpoint identification "HTTPS") unless the options turn it off; the
     * options' context (its key managers present a client certificate to servers that ask), protocol versions and
     * cipher suites.
     */
    static SSLEngine clientEngine(TlsOptions options, String host, int port) {
        SSLEngine e = options.context().createSSLEngine(host, port);
        e.setUseClientMode(true);
        SSLParameters p = parameters(e, options);
        if (options.hostnameVerification()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(host)) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        e.setSSLParameters(p);
        return e;
    }

    /** The engine's parameters with the options' protocol versions and cipher suites, those it supports. */
    private static SSLParameters parameters(SSLEngine e, TlsOptions options) {
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(supported(options.protocols(), e.getSupportedProtocols()));
        if (!options.cipherSuites().isEmpty()) {
            p.setCipherSuites(supported(options.cipherSuites(), e.getSupportedCipherSuites()));
        }
        return p;
    }

    /**
     * Those of {@code wanted} that are {@code supported}, in order; all of {@code wanted} if none is, so that the
     * engine names the first it does not know (a configuration error, rather than a handshake with nothing enabled).
     */
    private static String[] supported(List<String> wanted, String[] supported) {
        List<String> out = new ArrayList<>();
        for (String w : wanted) {
            if (List.of(supported).contains(w)) {
                out.add(w);
            }
        }
        return (out.isEmpty() ? wanted : out).toArray(new String[0]);
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6
        }
        if (!host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return false;
        }
        try {
            InetAddress.getByName(host); // a literal: no lookup
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the handshake. */
    void begin() throws IOException {
        engine.beginHandshake();
    }

    /** Goes as far as the socket and the engine allow (loop thread). */
    Progress step() throws IOException {
        while (true) {
            if (!flushNetOut()) {
                return Progress.WANT_WRITE;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    int packet = engine.getSession().getPacketBufferSize();
                    if (netOut.capacity() < packet) {
                        netOut = TlsTransport.grow(netOut, packet, false);
                    }
                    netOut.compact();
                    SSLEngineResult r;
                    try {
                        r = engine.wrap(EMPTY, netOut);
                    } finally {
                        netOut.flip();
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        flushNetOut(); // an alert, if any
                        throw new SSLHandshakeException("the TLS handshake was closed");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    appIn.compact();
                    SSLEngineResult r;
                    try {
                        r = engine.unwrap(netIn, appIn);
                    } finally {
                        netIn.compact();
                        appIn.flip();
                    }
                    switch (r.getStatus()) {
                        case OK -> {
                        }
                        case BUFFER_UNDERFLOW -> {
                            if (!netIn.hasRemaining()) {
                                netIn = TlsTransport.grow(netIn, engine.getSession().getPacketBufferSize(), true);
                            }
                            int k = channel.read(netIn);
                            if (k < 0) {
                                throw new SSLHandshakeException("the peer closed the connection during the TLS"
                                        + " handshake");
                            }
                            if (k == 0) {
                                return Progress.WANT_READ;
                            }
                        }
                        case BUFFER_OVERFLOW -> appIn = TlsTransport.grow(appIn,
                                engine.getSession().getApplicationBufferSize(), false);
                        case CLOSED -> throw new SSLHandshakeException("the peer ended the TLS handshake");
                    }
                }
                case NEED_TASK -> {
                    worker.accept(this::runTasks);
                    return Progress.WAIT_TASK;
                }
                default -> { // FINISHED, NOT_HANDSHAKING
                    return flushNetOut() ? Progress.DONE : Progress.WANT_WRITE;
                }
            }
        }
    }

    private void runTasks() {
        try {
            for (Runnable t; (t = engine.getDelegatedTask()) != null;) {
                t.run();
            }
        } catch (RuntimeException e) {
            Logs.HANDSHAKE.log(Level.DEBUG, "TLS task failed", e); // the next step fails with the engine's error
        } finally {
            resume.run();
        }
    }

    private boolean flushNetOut() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    /** After a failure: sends the engine's alert, if it has one, without waiting (loop thread). */
    void alertQuietly() {
        try {
            engine.closeOutbound();
            netOut.compact();
            try {
                engine.wrap(EMPTY, netOut);
            } finally {
                netOut.flip();
            }
            flushNetOut();
        } catch (IOException | RuntimeException e) {
            // nothing more to say
        }
    }

    /** The transport that continues the connection; valid once {@link #step()} returned {@link Progress#DONE}. */
    TlsTransport transport(IoLoop loop) {
        return new TlsTransport(loop, channel, engine, netIn, appIn, netOut);
    }
}
