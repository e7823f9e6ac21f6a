/**
 * The runnable distribution's own bundle: it creates the default server configuration and announces servers. It is
 * only useful inside an OSGi framework; everything it uses there is optional on a module path.
 */
module net.websocket.distribution {
    requires net.websocket.api;
    // compile-time constants only: the names of server configurations and of their service properties
    requires static net.websocket.whiteboard;
    requires static osgi.annotation;
    requires static osgi.core;
    requires static org.osgi.service.cm;
    requires static org.osgi.service.component.annotations;
}
