/**
 * The service provider interface of the servlet module: a way of switching protocols particular to one servlet
 * container ({@link net.websocket.servlet.spi.ContainerUpgrade}), which {@code WebSocketServlet} finds through
 * {@link java.util.ServiceLoader} and uses instead of {@code HttpServletRequest#upgrade} where the container's own
 * upgrade does not carry every client (the bundle {@code net.websocket.servlet.jetty} for Jetty 12.1), its parser
 * alters the hybi-00 keys (the bundle {@code net.websocket.servlet.undertow} for Undertow 2.3), or which keeps the
 * container's response to a hybi-00 handshake from going out ({@code net.websocket.servlet.tomcat} for Tomcat).
 */
@Version("1.0.0")
@Export
package net.websocket.servlet.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
