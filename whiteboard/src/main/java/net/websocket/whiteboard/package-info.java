/**
 * The names the WebSocket whiteboard is configured and found by: {@link
 * net.websocket.whiteboard.WhiteboardConfiguration} holds the Config Admin PIDs of servers and of the client, the
 * keys of their configurations and the properties of the server services. The endpoint and hook properties are
 * those of {@link net.websocket.api.whiteboard.WebSocketWhiteboard}, in the API, so that endpoint bundles need only
 * the API.
 */
@Version("1.2.0")
@Export
package net.websocket.whiteboard;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
