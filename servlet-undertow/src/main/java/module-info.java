/**
 * {@code WebSocketServlet} in embedded Undertow 2.3 for hybi-00, whose keys Undertow's request parser alters (it
 * collapses each run of spaces): {@link net.websocket.servlet.undertow.RawHeadOpenListener}, the HTTP/1.1 listener's
 * open listener to build the server with, keeps what each connection read and can hold Undertow's response back, and a
 * {@link net.websocket.servlet.spi.ContainerUpgrade} found by {@code ServiceLoader} gives the servlet the keys as
 * sent and answers a hybi-00 handshake from the connection itself, once key3 has come. RFC 6455 handshakes keep
 * Undertow's own upgrade.
 */
module net.websocket.servlet.undertow {
    requires net.websocket.runtime;
    requires net.websocket.servlet;
    requires static jakarta.servlet;
    requires static osgi.annotation;
    requires undertow.core;
    requires undertow.servlet;
    requires xnio.api;

    exports net.websocket.servlet.undertow;

    provides net.websocket.servlet.spi.ContainerUpgrade
            with net.websocket.servlet.undertow.internal.UndertowUpgrade;
}
