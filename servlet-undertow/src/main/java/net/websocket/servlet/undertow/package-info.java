/**
 * What a server built with embedded Undertow 2.3 sets up for {@code WebSocketServlet} to serve hybi-00:
 * {@link net.websocket.servlet.undertow.RawHeadOpenListener} in place of Undertow's own HTTP/1.1 open listener.
 */
@Version("1.0.0")
@Export
package net.websocket.servlet.undertow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
