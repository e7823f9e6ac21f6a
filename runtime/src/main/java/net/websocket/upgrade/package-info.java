/**
 * WebSockets on another HTTP server's port: that server (a servlet container) accepts the socket, reads the request
 * head and switches protocols; {@link net.websocket.upgrade.UpgradeServer} decides the handshake with the runtime's
 * variants, origin policy, {@link net.websocket.api.ServiceMapper}, limits and hook, and runs the connection, the
 * runtime's own connection core, over the upgraded {@link net.websocket.upgrade.ByteStream}.
 */
@Version("1.0.0")
@Export
package net.websocket.upgrade;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
