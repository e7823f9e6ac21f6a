/**
 * permessage-deflate (RFC 7692) as a pluggable extension: {@link net.websocket.deflate.PerMessageDeflate} negotiates
 * it as server and client and compresses with {@link java.util.zip.Deflater}; {@link
 * net.websocket.deflate.DeflateOptions} sets it up.
 */
@Version("1.0.0")
@Export
package net.websocket.deflate;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
