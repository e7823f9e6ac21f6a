/**
 * The whiteboard's servers on the OSGi HTTP whiteboard's port: a Declarative Services component that publishes each
 * server configured with {@code httpWhiteboard = true} as a {@link net.websocket.servlet.WebSocketServlet} service on
 * the OSGi Servlet Whiteboard. It uses only exported packages (the runtime's {@code net.websocket.upgrade}, the
 * whiteboard's names, the servlet) and exports nothing.
 */
module net.websocket.whiteboard.http {
    requires net.websocket.runtime;
    requires net.websocket.servlet;
    requires net.websocket.whiteboard;
    requires static jakarta.servlet;
    requires static osgi.core;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.servlet;
}
