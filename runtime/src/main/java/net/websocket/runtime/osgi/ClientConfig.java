package net.websocket.runtime.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The optional configuration of the {@link net.websocket.api.WebSocketClient} service (PID
 * {@value ClientComponent#PID}). The defaults are {@link net.websocket.runtime.ClientOptions}'s; times are in
 * milliseconds.
 */
@ObjectClassDefinition(name = "WebSocket client", description = "Limits of the WebSocketClient service.")
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

    @AttributeDefinition(name = "I/O threads", description = "Selector threads.", min = "1")
    int ioThreads() default 1;
}
