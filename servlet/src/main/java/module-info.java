/**
 * WebSockets on a servlet container's port: {@link net.websocket.servlet.WebSocketServlet} performs the handshake
 * with the runtime's variants and runs each connection, the runtime's connection core, over the container's upgraded
 * connection ({@code HttpServletRequest#upgrade}, non-blocking I/O), or through a container's own way of switching
 * protocols ({@link net.websocket.servlet.spi.ContainerUpgrade}) where one is found.
 */
module net.websocket.servlet {
    requires transitive net.websocket.runtime;
    requires static transitive jakarta.servlet;
    requires static osgi.annotation;

    exports net.websocket.servlet;
    exports net.websocket.servlet.spi;

    uses net.websocket.servlet.spi.ContainerUpgrade;
}
