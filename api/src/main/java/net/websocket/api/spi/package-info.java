/**
 * The protocol-variant SPI: what a WebSocket protocol variant (RFC 6455, hybi-00, ...) provides so that the runtime
 * can choose it at handshake time and run it. Everything here is sans-I/O: bytes in, events out; events in, bytes
 * out. Implementations open no sockets, start no threads or timers and never block.
 *
 * <p>The runtime finds variants through {@link java.util.ServiceLoader} on the module or class path, and as OSGi
 * services (Declarative Services components) in a framework.
 *
 * <h2>Extensions</h2>
 * Extensions (RFC 6455 section 9) plug into variants the same way: an {@link net.websocket.api.spi.ExtensionFactory}
 * takes part in opening handshakes (server: judges the client's offers; client: makes offers and checks the
 * answer) and makes one {@link net.websocket.api.spi.Extension} per connection that agreed to it, whose
 * {@link net.websocket.api.spi.ExtensionDecoder} and {@link net.websocket.api.spi.ExtensionEncoder} transform
 * messages inside the variant's engine. The runtime finds factories through {@code ServiceLoader} or as OSGi
 * services with {@code websocket.extension}, and hands those present to the variant in
 * {@link net.websocket.api.spi.EngineConfig#extensions()} at every handshake; a variant without extension support
 * ignores them.
 */
@Version("1.1.0")
@Export
package net.websocket.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
