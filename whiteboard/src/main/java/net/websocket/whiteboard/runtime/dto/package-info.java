/**
 * The data of {@link net.websocket.whiteboard.runtime.WebSocketServiceRuntime}: OSGi DTOs (public fields, no
 * behaviour), a snapshot taken at one call.
 */
@Version("1.0.0")
@Export
package net.websocket.whiteboard.runtime.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
