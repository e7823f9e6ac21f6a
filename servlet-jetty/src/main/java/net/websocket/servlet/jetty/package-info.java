/**
 * {@code WebSocketServlet}'s connections in Jetty 12.1 ({@link net.websocket.servlet.jetty.JettyUpgrade}, found by
 * {@code ServiceLoader}); private to its bundle.
 */
package net.websocket.servlet.jetty;
