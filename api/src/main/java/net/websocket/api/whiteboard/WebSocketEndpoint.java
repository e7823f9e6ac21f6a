package net.websocket.api.whiteboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Requirement;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Makes a Declarative Services component that provides {@link net.websocket.api.Handler} or
 * {@link net.websocket.api.Listener} a WebSocket endpoint on the whiteboard:
 *
 * <pre>{@code
 * @Component(service = Handler.class)
 * @WebSocketEndpoint(path = "/chat", subprotocols = {"chat", "none"})
 * public class ChatHandler implements Handler { ... }
 * }</pre>
 *
 * The bundle then also requires the whiteboard implementation, so that a resolver adds it. See
 * {@link WebSocketWhiteboard} for what the properties mean.
 */
@ComponentPropertyType
@Requirement(namespace = "osgi.implementation", name = WebSocketWhiteboard.IMPLEMENTATION,
        version = WebSocketWhiteboard.VERSION)
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WebSocketEndpoint {

    /** Makes the element names below the property names {@code websocket.path}, {@code websocket.subprotocols}, ... */
    String PREFIX_ = "websocket.";

    /** {@return the path regular expression ({@value WebSocketWhiteboard#PATH}): the whole request path must match} */
    String path();

    /**
     * {@return the subprotocols served, {@value WebSocketWhiteboard#NONE} for clients that offer none,
     * {@value WebSocketWhiteboard#ANY} for whatever else they offer ({@value WebSocketWhiteboard#SUBPROTOCOLS})}
     * Empty means {@value WebSocketWhiteboard#NONE} only.
     */
    String[] subprotocols() default {};

    /**
     * {@return the names of the servers that serve this endpoint ({@value WebSocketWhiteboard#SERVERS}); empty: all}
     */
    String[] servers() default {};

    /**
     * {@return whether the endpoint is served on the framework's OSGi HTTP whiteboard's port
     * ({@value WebSocketWhiteboard#HTTP_WHITEBOARD}), by the server {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER}
     * that the whiteboard runs on demand, besides the servers named in {@link #servers()}}
     */
    boolean httpWhiteboard() default false;
}
