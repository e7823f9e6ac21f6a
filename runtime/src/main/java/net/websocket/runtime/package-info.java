/**
 * The net.websocket runtime: start servers and open client connections.
 *
 * <p>{@link net.websocket.runtime.WebSockets} is the entry point outside a framework; variants are found with
 * {@link java.util.ServiceLoader}. In OSGi the runtime's components do the same with services.
 */
@Version("1.0.0")
@Export
package net.websocket.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
