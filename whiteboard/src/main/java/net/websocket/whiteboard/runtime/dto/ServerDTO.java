package net.websocket.whiteboard.runtime.dto;

import org.osgi.dto.DTO;

/** One server of the whiteboard, configured through Config Admin. */
public class ServerDTO extends DTO {
    /** The server's name ({@code name} of its configuration). */
    public String name;
    /** The PID of its configuration, or {@code null} for a server started otherwise. */
    public String pid;
    /**
     * Where it listens, {@code ws://host:port} or {@code wss://host:port}; {@code http-whiteboard} for a server on the
     * OSGi HTTP whiteboard's port.
     */
    public String address;
    /** Whether it runs. */
    public boolean running;
    /** When it started, in milliseconds since the epoch; 0 while it is being started. */
    public long startedMillis;
    /** The path expressions of its routes, as the endpoint services give them. */
    public String[] routes;
    /** Its open connections. */
    public ConnectionDTO[] connections;
}
