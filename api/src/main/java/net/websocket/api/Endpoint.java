package net.websocket.api;

/**
 * What a {@link ServiceMapper} routes a handshake to: a {@link Handler} (blocking style, the connection is the
 * handler's until it returns) or a {@link Listener} (event style). Implement one of those two, never this
 * interface directly.
 */
public sealed interface Endpoint permits Handler, Listener {
}
