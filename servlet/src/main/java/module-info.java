/**
 * WebSockets on a servlet container's port: {@link net.websocket.servlet.WebSocketServlet} performs the handshake
 * with the runtime's variants and runs each connection, the runtime's connection core, over the container's upgraded
 * connection ({@code HttpServletRequest#upgrade}, non-blocking I/O).
 */
module net.websocket.servlet {
    requires transitive net.websocket.runtime;
    requires static transitive jakarta.servlet;
    requires static osgi.annotation;

    exports net.websocket.servlet;
}
