package net.websocket.whiteboard.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The optional configuration of the {@link net.websocket.api.WebSocketClient} service (PID
 * {@value net.websocket.whiteboard.WhiteboardConfiguration#CLIENT_PID}). The defaults are {@link net.websocket.runtime.ClientOptions}'s; times are in
 * milliseconds.
 */
@ObjectClassDefinition(name = "WebSocket client", description = "Limits, timeouts and policies of the WebSocketClient service.")
@interface ClientConfig {

    @AttributeDefinition(name = "Maximum frame size", description = "The largest frame payload accepted, in bytes.",
            min = "1")
    long maxFrameSize() default 1048576;

    @AttributeDefinition(name = "Maximum message size", description = "The largest reassembled message accepted, "
            + "in bytes.", min = "1")
    long maxMessageSize() default 1048576;

    @AttributeDefinition(name = "Idle timeout", description = "Milliseconds a connection may receive nothing before "
            + "it is closed; 0 never.", min = "0")
    long idleTimeout() default 300000;

    @AttributeDefinition(name = "Close timeout", description = "Milliseconds to wait for the server to end the "
            + "closing handshake; 0 forever.", min = "0")
    long closeTimeout() default 5000;

    @AttributeDefinition(name = "Maximum response head size", description = "The largest HTTP response head to "
            + "an opening handshake, in bytes.", min = "1")
    int maxResponseHeadSize() default 8192;

    @AttributeDefinition(name = "Stream fragment size", description = "The fragment size of streamed sends, in "
            + "bytes.", min = "1")
    int streamFragmentSize() default 65536;

    @AttributeDefinition(name = "Outbound queue limit", description = "Bytes queued for sending per connection "
            + "beyond which blocking sends wait.", min = "1")
    int outboundQueueLimit() default 4194304;

    @AttributeDefinition(name = "Inbound queue limit", description = "Bytes received and not yet taken beyond which "
            + "the socket is no longer read.", min = "1")
    int inboundQueueLimit() default 4194304;

    @AttributeDefinition(name = "I/O threads", description = "Selector threads.", min = "1")
    int ioThreads() default 1;

    @AttributeDefinition(name = "Drop incoming pings", description = "Leave received pings unanswered (for tests).")
    boolean dropIncomingPings() default false;

    @AttributeDefinition(name = "Ping interval", description = "Keepalive: milliseconds without anything received "
            + "after which the client pings; 0 turns keepalive off.", min = "0")
    long pingInterval() default 15000;

    @AttributeDefinition(name = "Pong timeout", description = "Milliseconds to wait for any sign of life after a "
            + "keepalive ping before the connection is dropped; 0: the ping interval.", min = "0")
    long pongTimeout() default 0;

    @AttributeDefinition(name = "Propagate protocol errors", description = "Report the server's protocol errors to "
            + "the connection's user (Listener.onError, an exception from receive) before the close.")
    boolean propagateProtocolErrors() default false;

    @AttributeDefinition(name = "Extensions", description = "Offer extensions (permessage-deflate compression) "
            + "from the extension services present; off: plain frames only.")
    boolean extensions() default true;

    @AttributeDefinition(name = "Host name verification", description = "Check that a wss:// server's certificate "
            + "names the host connected to (trust comes from the JVM's default trust store).")
    boolean hostnameVerification() default true;
}
