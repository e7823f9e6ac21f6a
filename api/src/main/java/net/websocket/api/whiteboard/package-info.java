/**
 * The whiteboard contract for OSGi: register a {@link net.websocket.api.Handler} or {@link net.websocket.api.Listener}
 * as a service with the properties described in {@link net.websocket.api.whiteboard.WebSocketWhiteboard}, or annotate
 * a Declarative Services component with {@link net.websocket.api.whiteboard.WebSocketEndpoint}, and every running
 * WebSocket server of the runtime routes matching handshakes to it.
 */
@Version("1.1.0")
@Export
package net.websocket.api.whiteboard;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
