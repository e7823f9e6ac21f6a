/**
 * Topics (rooms) across servers: {@link net.websocket.cluster.Topics} subscribes connections to topics and
 * publishes text or binary messages to every subscribed connection on every node; {@link
 * net.websocket.cluster.Clusters#open} opens the implementation for a broker address ({@code local:/} in one JVM,
 * {@code redis://host:port} through Redis); {@link net.websocket.cluster.TopicsProvider} is the SPI another broker
 * implements.
 */
@Version("1.1.0")
@Export
package net.websocket.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
