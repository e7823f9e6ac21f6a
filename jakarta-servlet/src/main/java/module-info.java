/**
 * The Jakarta WebSocket 2.1 server container inside a servlet container: a {@code ServletContainerInitializer} that,
 * for each web application, deploys its endpoints on a {@code net.websocket.jakarta} container in the servlet
 * context's {@code jakarta.websocket.server.ServerContainer} attribute and serves them on the container's port
 * through the {@code net.websocket.servlet} upgrade.
 */
module net.websocket.jakarta.servlet {
    requires transitive net.websocket.jakarta;
    requires net.websocket.servlet;
    requires jakarta.servlet;
    requires static osgi.annotation;

    exports net.websocket.jakarta.servlet;

    provides jakarta.servlet.ServletContainerInitializer
            with net.websocket.jakarta.servlet.JakartaServletInitializer;
}
