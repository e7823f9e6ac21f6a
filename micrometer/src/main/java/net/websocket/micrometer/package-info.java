/**
 * Micrometer meters for the metrics of net.websocket servers and clients: {@link
 * net.websocket.micrometer.WebSocketMetricsBinder}.
 */
@Version("1.0.0")
@Export
package net.websocket.micrometer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
