/**
 * Micrometer meters for net.websocket: {@link net.websocket.micrometer.WebSocketMetricsBinder} binds the
 * {@link net.websocket.api.WebSocketMetrics} of a server or client to a {@code MeterRegistry}. Optional: the other
 * modules do not depend on Micrometer.
 */
module net.websocket.micrometer {
    requires transitive net.websocket.api;
    requires transitive micrometer.core;
    requires static osgi.annotation;

    exports net.websocket.micrometer;
}
