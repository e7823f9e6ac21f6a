/**
 * The net.websocket API.
 *
 * <p>A server routes each WebSocket handshake through a {@link net.websocket.api.ServiceMapper} (URL-path regular
 * expression, then offered subprotocol) to an {@link net.websocket.api.Endpoint}: either a
 * {@link net.websocket.api.Handler}, which owns the {@link net.websocket.api.Connection} on a thread of its own and
 * uses blocking or asynchronous calls, or a {@link net.websocket.api.Listener}, which is told of events. Clients are
 * opened through a {@link net.websocket.api.WebSocketClient}.
 */
@Version("1.1.0")
@Export
package net.websocket.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
