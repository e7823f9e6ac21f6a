/**
 * The Jakarta WebSocket server container inside a servlet container (Servlet 5 or 6 with
 * {@code HttpServletRequest#upgrade}): {@link net.websocket.jakarta.servlet.JakartaServletInitializer}, found by the
 * servlet container through {@code META-INF/services}, deploys each web application's {@code @ServerEndpoint}
 * classes (filtered by its {@code ServerApplicationConfig}s, if any) and serves them on the container's port.
 */
@Version("0.1.0")
@Export
package net.websocket.jakarta.servlet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
