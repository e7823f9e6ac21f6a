/**
 * Example servers and clients, and the command-line tool behind {@code ./ws}. The example endpoints are public so
 * they can be reused; their signatures use the API, hence {@code requires transitive}.
 */
module net.websocket.examples {
    requires transitive net.websocket.runtime;
    requires static osgi.annotation;
    // the whiteboard components (package net.websocket.examples.osgi, not exported): annotations, and the framework
    // for the one that registers its service itself
    requires static org.osgi.service.component.annotations;
    requires static osgi.core;
    // ./ws serve --plain --cluster: present only when asked for (--add-modules)
    requires static net.websocket.cluster;

    // the Jakarta WebSocket echo (JakartaEcho, JakartaEchoServer): only with ./ws serve --jakarta, which puts the
    // Jakarta container and API on the module path
    requires static net.websocket.jakarta;

    exports net.websocket.examples;
}
