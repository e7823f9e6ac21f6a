package net.websocket.whiteboard.runtime.dto;

import org.osgi.dto.DTO;

/** A protocol variant service. */
public class VariantDTO extends DTO {
    /** The variant's name, e.g. {@code rfc6455}. */
    public String name;
    /** Its place in the order handshakes try the variants, from 1. */
    public int order;
    /** Its {@code service.id}. */
    public long serviceId;
    /** Its {@code service.ranking}. */
    public int ranking;
    /** The id of the bundle that registered it. */
    public long bundleId;
    /** The {@code Sec-WebSocket-Version} values it speaks (none for hybi-00). */
    public String[] versions;
    /** The open connections it accepted or opened. */
    public int connectionCount;
}
