package net.websocket.whiteboard.runtime.dto;

import org.osgi.dto.DTO;

/** One open connection. */
public class ConnectionDTO extends DTO {
    /** Its id ({@code Connection.id()}), as in logs and in {@code ws:disconnect}. */
    public String id;
    /** The variant that speaks it, e.g. {@code rfc6455}, with the service id when known. */
    public String variant;
    /** The request path. */
    public String path;
    /** The subprotocol agreed, or {@code null}. */
    public String subprotocol;
    /** The peer's address, {@code host:port}. */
    public String remoteAddress;
    /** The {@code service.id} of the endpoint it was routed to, or -1 (a client connection). */
    public long endpointServiceId;
    /** When it opened, in milliseconds since the epoch. */
    public long openedMillis;
}
