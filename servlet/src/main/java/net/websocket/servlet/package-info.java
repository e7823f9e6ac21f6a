/**
 * WebSockets on a servlet container's port (Servlet 5 or 6 with {@code HttpServletRequest#upgrade}):
 * {@link net.websocket.servlet.WebSocketServlet} answers each request with the handshake decision of an
 * {@link net.websocket.upgrade.UpgradeServer} and hands accepted connections over through an
 * {@code HttpUpgradeHandler} with non-blocking {@code ReadListener}/{@code WriteListener}.
 */
@Version("1.0.0")
@Export
package net.websocket.servlet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
