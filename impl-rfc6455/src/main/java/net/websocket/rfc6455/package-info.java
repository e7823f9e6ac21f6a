/**
 * The RFC 6455 WebSocket protocol variant ({@code Sec-WebSocket-Version: 13}): {@link
 * net.websocket.rfc6455.Rfc6455Variant} plugs the opening handshake and the framing engine of RFC 6455 into the
 * runtime through the {@link net.websocket.api.spi.ProtocolVariant} SPI. Everything else is internal.
 */
@Version("1.0.0")
@Export
package net.websocket.rfc6455;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
