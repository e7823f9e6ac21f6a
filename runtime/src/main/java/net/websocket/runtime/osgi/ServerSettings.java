package net.websocket.runtime.osgi;

import java.time.Duration;

import net.websocket.runtime.ServerOptions;

/**
 * A server configuration turned into a name and {@link ServerOptions}.
 *
 * @param name    the server's name
 * @param options its options (the handshake hook is set by the whiteboard)
 */
record ServerSettings(String name, ServerOptions options) {

    /**
     * Converts a configuration.
     *
     * @param pid the configuration's PID, for the default name
     * @throws IllegalArgumentException if a value is out of range or the host is unknown
     */
    static ServerSettings of(ServerConfig c, String pid) {
        ServerOptions.Builder b = ServerOptions.builder()
                .listen(c.host().isBlank() ? null : c.host().trim(), c.port())
                .backlog(c.backlog())
                .maxFrameSize(c.maxFrameSize())
                .maxMessageSize(c.maxMessageSize())
                .maxRequestHeadSize(c.maxRequestHeadSize())
                .maxConnections(c.maxConnections())
                .handshakeTimeout(Duration.ofMillis(c.handshakeTimeout()))
                .idleTimeout(Duration.ofMillis(c.idleTimeout()))
                .closeTimeout(Duration.ofMillis(c.closeTimeout()))
                .shutdownTimeout(Duration.ofMillis(c.shutdownTimeout()))
                .streamFragmentSize(c.streamFragmentSize())
                .outboundQueueLimit(c.outboundQueueLimit())
                .inboundQueueLimit(c.inboundQueueLimit())
                .dropIncomingPings(c.dropIncomingPings());
        if (c.ioThreads() > 0) {
            b.ioThreads(c.ioThreads());
        }
        return new ServerSettings(name(c.name(), pid), b.build());
    }

    /** The name given, else the part of a named factory configuration's PID after '~', else the PID. */
    static String name(String configured, String pid) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (pid == null) {
            return "default";
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 && tilde < pid.length() - 1 ? pid.substring(tilde + 1) : pid;
    }
}
