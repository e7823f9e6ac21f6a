package net.websocket.whiteboard.runtime.dto;

import org.osgi.dto.DTO;

/** The whole whiteboard at one moment. */
public class RuntimeDTO extends DTO {
    /** The servers configured and running (or stopped), by name. */
    public ServerDTO[] servers;
    /** The server configurations that could not start, with the reason. */
    public FailedServerDTO[] failedServers;
    /** The protocol variant services, in the order handshakes try them. */
    public VariantDTO[] variants;
    /** The endpoint ({@code Handler}, {@code Listener}) and handshake hook services, in ranking order. */
    public EndpointDTO[] endpoints;
    /** The open connections of the whiteboard's {@code WebSocketClient} service. */
    public ConnectionDTO[] clientConnections;
}
