/**
 * The protocol-variant SPI: what a WebSocket protocol variant (RFC 6455, hybi-00, ...) provides so that the runtime
 * can choose it at handshake time and run it. Everything here is sans-I/O: bytes in, events out; events in, bytes
 * out. Implementations open no sockets, start no threads or timers and never block.
 *
 * <p>The runtime finds variants through {@link java.util.ServiceLoader} on the module or class path, and as OSGi
 * services (Declarative Services components) in a framework.
 */
@Version("1.0.0")
@Export
package net.websocket.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
