package net.websocket.whiteboard.runtime.dto;

import org.osgi.dto.DTO;

/** A server configuration that did not give a running server. */
public class FailedServerDTO extends DTO {
    /** The server's name. */
    public String name;
    /** The PID of its configuration. */
    public String pid;
    /** Why it is not running (e.g. the port is in use, a setting is invalid). */
    public String failureReason;
}
