/**
 * A Jakarta WebSocket 2.1 server container standalone on the net.websocket runtime:
 * {@link net.websocket.jakarta.JakartaServerContainer} takes {@code @ServerEndpoint} classes and
 * {@code ServerEndpointConfig}s and serves them on a server of the runtime. docs/JAKARTA.md maps each Jakarta
 * concept onto the net.websocket construct it uses.
 */
@Version("0.2.0")
@Export
package net.websocket.jakarta;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
