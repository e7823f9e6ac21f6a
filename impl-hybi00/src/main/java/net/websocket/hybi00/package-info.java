/**
 * The hybi-00 protocol variant (draft-ietf-hybi-thewebsocketprotocol-00, identical on the wire to
 * draft-hixie-thewebsocketprotocol-76): the handshake with {@code Sec-WebSocket-Key1}, {@code Key2} and an MD5
 * challenge, and sentinel-delimited text frames. Its only public type is {@link net.websocket.hybi00.Hybi00Variant},
 * found through {@link java.util.ServiceLoader} or as an OSGi service.
 */
@Version("1.0.0")
@Export
package net.websocket.hybi00;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
