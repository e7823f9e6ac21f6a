/**
 * The permessage-deflate WebSocket extension (RFC 7692): {@link net.websocket.deflate.PerMessageDeflate}, an
 * {@link net.websocket.api.spi.ExtensionFactory} for both sides of the handshake, with
 * {@link net.websocket.deflate.DeflateOptions}. Compression is {@link java.util.zip.Deflater}/{@link
 * java.util.zip.Inflater}; everything else is internal.
 */
module net.websocket.deflate {
    requires transitive net.websocket.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports net.websocket.deflate;

    provides net.websocket.api.spi.ExtensionFactory with net.websocket.deflate.PerMessageDeflate;
}
