package net.websocket.cluster;

import java.net.URI;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The SPI of a broker: opens {@link Topics} for the broker addresses it understands. Found by {@link
 * java.util.ServiceLoader} ({@code provides net.websocket.cluster.TopicsProvider} in a module, or {@code
 * META-INF/services} on the class path); this module provides {@code local:/} (one JVM) and {@code redis://}.
 */
@ConsumerType
public interface TopicsProvider {

    /**
     * {@return whether this provider opens topics on the broker at this address}
     *
     * @param broker the broker's address, such as {@code redis://127.0.0.1:6379}
     */
    boolean supports(URI broker);

    /**
     * Opens topics on {@link ClusterOptions#broker()}; does not wait for the broker (the instance connects and
     * reconnects by itself, see {@link Topics#isConnected()}).
     *
     * @param options the broker and the policies
     * @return the topics, to be closed by the caller
     */
    Topics open(ClusterOptions options);
}
