package net.websocket.runtime.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import net.websocket.api.Connection;
import net.websocket.api.Headers;
import net.websocket.api.MessageType;
import net.websocket.api.spi.FrameEngine;

/**
 * What a connection tells about itself: who opened it, with which handshake, over which protocol variant. Fixed
 * when the connection opens, so every accessor may be called from any thread.
 */
abstract class ConnectionDescription implements Connection {

    /** The source of {@link #serial}: one count for every connection, server or client, of this runtime. */
    private static final AtomicLong SERIALS = new AtomicLong();

    /** The number {@link #id()} shows; kept as a number, since every idle connection holds it. */
    final long serial = SERIALS.incrementAndGet();
    /** The handshake's outcome. */
    final ConnectionInfo info;
    /** The frame engine of the protocol variant. */
    final FrameEngine engine;

    ConnectionDescription(ConnectionInfo info, FrameEngine engine) {
        this.info = info;
        this.engine = engine;
    }

    @Override
    public String id() {
        return Long.toString(serial);
    }

    @Override
    public boolean isServer() {
        return info.server;
    }

    @Override
    public String variant() {
        return info.variant;
    }

    @Override
    public URI uri() {
        return info.uri();
    }

    @Override
    public String requestLine() {
        return info.requestLine();
    }

    @Override
    public Headers requestHeaders() {
        return info.requestHeaders();
    }

    @Override
    public Headers responseHeaders() {
        return info.responseHeaders();
    }

    @Override
    public String path() {
        return info.path();
    }

    @Override
    public Optional<String> query() {
        return Optional.ofNullable(info.query());
    }

    @Override
    public Optional<String> subprotocol() {
        return Optional.ofNullable(info.subprotocol);
    }

    @Override
    public List<String> offeredSubprotocols() {
        return info.offered;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return info.remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return info.local;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T state() {
        return (T) info.state;
    }

    @Override
    public boolean supportsFragmentation() {
        return engine.supportsFragmentation();
    }

    @Override
    public boolean supportsPayloadType(MessageType type) {
        return engine.supportsPayloadType(type);
    }

    @Override
    public boolean signalsStatusOnClose() {
        return engine.signalsStatusOnClose();
    }

    /**
     * The frame engine the protocol variant made for this connection: it tells which variant instance accepted or
     * opened it (the OSGi layer tracks connections by it).
     */
    public FrameEngine engine() {
        return engine;
    }
}
