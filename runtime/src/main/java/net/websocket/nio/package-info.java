/**
 * The entry point of the net.websocket runtime outside a framework: {@link net.websocket.nio.WebSockets} starts
 * servers and opens client connections on the runtime's NIO sockets, with the options of
 * {@code net.websocket.runtime}. It stands in a package of its own, above both the runtime's exported types and its
 * implementation, so that no two packages depend on each other.
 */
@Version("1.1.0")
@Export
package net.websocket.nio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
