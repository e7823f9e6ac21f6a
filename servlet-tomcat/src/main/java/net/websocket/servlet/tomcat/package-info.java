/**
 * {@code WebSocketServlet}'s hybi-00 answers in Tomcat 10.1 and 11: the valve
 * {@link net.websocket.servlet.tomcat.Hybi00Valve}, configured by its class name, and {@link net.websocket.servlet.tomcat.TomcatUpgrade}, found by
 * {@code ServiceLoader}.
 */
@Version("1.0.0")
@Export
package net.websocket.servlet.tomcat;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
