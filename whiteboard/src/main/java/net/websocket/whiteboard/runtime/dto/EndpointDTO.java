package net.websocket.whiteboard.runtime.dto;

import org.osgi.dto.DTO;

/** An endpoint ({@code Handler} or {@code Listener}) or handshake hook service. */
public class EndpointDTO extends DTO {
    /** Its {@code service.id}. */
    public long serviceId;
    /** {@code handler}, {@code listener} or {@code hook}. */
    public String kind;
    /** Its {@code service.ranking}. */
    public int ranking;
    /** Its path expression; {@code null} for a hook of every path. */
    public String path;
    /** The subprotocols it serves ({@code websocket.subprotocol}), {@code none} standing for none offered. */
    public String[] subprotocols;
    /** The names of the servers it is for; empty for every server. */
    public String[] servers;
    /** The id of the bundle that registered it. */
    public long bundleId;
    /** Its open connections (0 for a hook). */
    public int connectionCount;
    /** The connection settings it overrides, as text, or {@code null}. */
    public String overrides;
    /** Why it is ignored (a bad property), or {@code null} when it is in use. */
    public String failureReason;
}
