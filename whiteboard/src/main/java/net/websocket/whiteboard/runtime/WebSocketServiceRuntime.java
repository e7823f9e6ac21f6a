package net.websocket.whiteboard.runtime;

import net.websocket.whiteboard.runtime.dto.RuntimeDTO;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The WebSocket whiteboard's state as data, registered as an OSGi service by the whiteboard bundle: what an operator
 * console, a health check or a test reads instead of scraping the Gogo commands.
 */
@ProviderType
public interface WebSocketServiceRuntime {

    /**
     * A snapshot of the whiteboard now: every configured server (running, or failed with its reason) with its routes
     * and open connections, the variant services in the order handshakes try them, the endpoint and hook services
     * (those ignored with the reason), and the client's connections. Later changes do not alter it.
     *
     * @return a new snapshot at every call
     */
    RuntimeDTO getRuntimeDTO();
}
