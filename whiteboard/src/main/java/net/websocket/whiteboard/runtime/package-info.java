/**
 * The state of the WebSocket whiteboard, read as data: the {@link net.websocket.whiteboard.runtime.WebSocketServiceRuntime}
 * service answers with a {@link net.websocket.whiteboard.runtime.dto.RuntimeDTO} (servers, their routes and
 * connections, variants with their rankings, endpoints and hooks, and why a service or a server is not in use), in
 * the manner of the OSGi {@code HttpServiceRuntime}. The {@code ws:} Gogo commands print the same DTOs.
 */
@Version("1.0.0")
@Export
package net.websocket.whiteboard.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
