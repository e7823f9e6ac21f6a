package net.websocket.cluster;

import java.util.ServiceLoader;

/** Opens {@link Topics} with the {@link TopicsProvider} that {@link ServiceLoader} finds for the broker address. */
public final class Clusters {
    private Clusters() {
    }

    /**
     * Opens topics on the broker of the options, with the first provider found that supports its address.
     *
     * @param options the broker and the policies
     * @return the topics, to be closed by the caller
     * @throws IllegalArgumentException if no provider supports the address
     */
    public static Topics open(ClusterOptions options) {
        for (TopicsProvider provider : ServiceLoader.load(TopicsProvider.class, Clusters.class.getClassLoader())) {
            if (provider.supports(options.broker())) {
                return provider.open(options);
            }
        }
        throw new IllegalArgumentException("No topics provider for broker " + options.broker()
                + ": local:/ and redis://host:port are provided by net.websocket.cluster");
    }
}
