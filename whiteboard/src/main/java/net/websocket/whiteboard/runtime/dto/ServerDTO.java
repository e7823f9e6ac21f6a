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
    /**
     * For a server on the OSGi HTTP whiteboard's port: the servlet patterns it is offered at now (configured, or those
     * covering its routes); empty while it has none and is not offered (no endpoint yet). {@code null} for a server
     * with a socket of its own.
     */
    public String[] servletPatterns;
    /**
     * For a server on the OSGi HTTP whiteboard's port: its servlet context select filter, or {@code null} for the
     * default context (and for a server with a socket of its own).
     */
    public String servletContextSelect;
    /** The path expressions of its routes, as the endpoint services give them. */
    public String[] routes;
    /** Its open connections. */
    public ConnectionDTO[] connections;
}
