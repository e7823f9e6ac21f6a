package net.websocket.whiteboard.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration of one WebSocket server (factory PID
 * {@value net.websocket.whiteboard.WhiteboardConfiguration#SERVER_FACTORY_PID}): each factory
 * configuration is one running server. The defaults are {@link net.websocket.runtime.ServerOptions}'s; times are in
 * milliseconds.
 *
 * <p>Only the simple, list form of the origin check is configured here ({@link #allowedOrigins()}); a server that
 * needs a predicate over origins and paths registers a whiteboard {@link net.websocket.api.HandshakeHook} service,
 * which may reject any handshake with the status it likes.
 */
@ObjectClassDefinition(name = "WebSocket server",
        description = "A WebSocket server. Every configuration starts one; endpoints come from the whiteboard "
                + "(Handler and Listener services with websocket.path).")
@interface ServerConfig {

    @AttributeDefinition(name = "Name", description = "The name endpoints select with websocket.server. Empty: the "
            + "configuration's name (after '~' in its PID), or its PID.")
    String name() default "";

    @AttributeDefinition(name = "Host", description = "The address to listen on; '*' for every address.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "The port to listen on; 0 picks a free one.", min = "0",
            max = "65535")
    int port() default 8081;

    @AttributeDefinition(name = "Backlog", description = "The listen backlog.", min = "1")
    int backlog() default 1024;

    @AttributeDefinition(name = "Maximum frame size", description = "The largest frame payload accepted, in bytes; "
            + "larger frames close the connection with 1009.", min = "1")
    long maxFrameSize() default 1048576;

    @AttributeDefinition(name = "Maximum message size", description = "The largest reassembled message accepted, "
            + "in bytes.", min = "1")
    long maxMessageSize() default 1048576;

    @AttributeDefinition(name = "Maximum request head size", description = "The largest HTTP request head "
            + "accepted, in bytes; larger ones get 431.", min = "1")
    int maxRequestHeadSize() default 8192;

    @AttributeDefinition(name = "Maximum connections", description = "The most connections open at once; more "
            + "handshakes get 503.", min = "1")
    int maxConnections() default 100000;

    @AttributeDefinition(name = "Handshake timeout", description = "Milliseconds a client has to send its whole "
            + "handshake.", min = "1")
    long handshakeTimeout() default 10000;

    @AttributeDefinition(name = "Idle timeout", description = "Milliseconds a connection may receive nothing before "
            + "it is closed; 0 never.", min = "0")
    long idleTimeout() default 300000;

    @AttributeDefinition(name = "Close timeout", description = "Milliseconds to wait for the peer's close frame "
            + "before dropping the connection; 0 forever.", min = "0")
    long closeTimeout() default 5000;

    @AttributeDefinition(name = "Shutdown timeout", description = "Milliseconds a stopping server waits for "
            + "closing handshakes.", min = "0")
    long shutdownTimeout() default 5000;

    @AttributeDefinition(name = "Stream fragment size", description = "The fragment size of streamed sends, in "
            + "bytes.", min = "1")
    int streamFragmentSize() default 65536;

    @AttributeDefinition(name = "Outbound queue limit", description = "Bytes queued for sending per connection "
            + "beyond which blocking sends wait.", min = "1")
    int outboundQueueLimit() default 4194304;

    @AttributeDefinition(name = "Inbound queue limit", description = "Bytes received and not yet taken beyond which "
            + "the socket is no longer read.", min = "1")
    int inboundQueueLimit() default 4194304;

    @AttributeDefinition(name = "I/O threads", description = "Selector threads; 0: as many as the runtime picks "
            + "(up to 4).", min = "0")
    int ioThreads() default 0;

    @AttributeDefinition(name = "Drop incoming pings", description = "Leave received pings unanswered (for tests).")
    boolean dropIncomingPings() default false;

    @AttributeDefinition(name = "Ping interval", description = "Keepalive: milliseconds without anything received "
            + "after which the server pings; 0 turns keepalive off.", min = "0")
    long pingInterval() default 15000;

    @AttributeDefinition(name = "Pong timeout", description = "Milliseconds to wait for any sign of life after a "
            + "keepalive ping before the connection is dropped; 0: the ping interval.", min = "0")
    long pongTimeout() default 0;

    @AttributeDefinition(name = "Allowed origins", description = "The origins (e.g. https://example.com) whose "
            + "pages may connect, compared without regard to case; handshakes without an Origin header (clients "
            + "other than browsers) are allowed. Empty: every origin.")
    String[] allowedOrigins() default {};

    @AttributeDefinition(name = "Access denied status", description = "The HTTP status (4xx) a handshake from an "
            + "origin not allowed gets.", min = "400", max = "499")
    int accessDeniedStatus() default 403;

    @AttributeDefinition(name = "Access denied body", description = "The plain-text body of that answer.")
    String accessDeniedBody() default "origin not allowed";

    @AttributeDefinition(name = "Propagate protocol errors", description = "Report the peer's protocol errors to "
            + "endpoints (Listener.onError, an exception from a Handler's receive) before the close.")
    boolean propagateProtocolErrors() default false;

    @AttributeDefinition(name = "Extensions", description = "Negotiate extensions (permessage-deflate compression) "
            + "with the extension services present; off: plain frames only.")
    boolean extensions() default true;

    @AttributeDefinition(name = "Key store", description = "A key store file whose first key entry the server "
            + "serves TLS (wss://) with; empty: plain ws://.")
    String keyStore() default "";

    @AttributeDefinition(name = "Key store password", description = "The password of the key store and its key.",
            type = AttributeType.PASSWORD)
    String keyStorePassword() default "";

    @AttributeDefinition(name = "Key store type", description = "PKCS12 or JKS; empty: recognised by the file's "
            + "content.")
    String keyStoreType() default "";
}
