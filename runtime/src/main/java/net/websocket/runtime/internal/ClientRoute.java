package net.websocket.runtime.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import net.websocket.api.WebSocketException;

/**
 * How one connection attempt reaches its server: directly to the addresses of the URI's host, or through an HTTP
 * proxy (a {@code CONNECT} tunnel) at the proxy's addresses; the addresses are tried in the resolver's order.
 *
 * @param proxy     the HTTP proxy to tunnel through, or {@code null} for a direct connection
 * @param addresses the addresses to try: the server's, or the proxy's
 */
record ClientRoute(Proxy proxy, List<InetSocketAddress> addresses) {

    ClientRoute {
        addresses = List.copyOf(addresses);
    }

    /** Whether the connection goes through a proxy's tunnel. */
    boolean tunnel() {
        return proxy != null;
    }

    /**
     * The route to {@code uri}: the first proxy {@code selector} lists for its {@code http}/{@code https} form, or
     * direct when there is no selector, it lists none or DIRECT first. Resolves host names, so it may block: never
     * on an I/O thread.
     *
     * @param selector the client's proxy selector, or {@code null} for none
     * @throws WebSocketException if the selector fails or chooses a SOCKS proxy (not supported)
     * @throws java.net.UnknownHostException if the host (the server's or the proxy's) has no address
     */
    static ClientRoute to(URI uri, ProxySelector selector) throws IOException {
        Proxy proxy = select(uri, selector);
        if (proxy == null) {
            return new ClientRoute(null, resolve(ClientUris.host(uri), ClientUris.port(uri)));
        }
        InetSocketAddress at = (InetSocketAddress) proxy.address();
        List<InetSocketAddress> addresses = at.isUnresolved() ? resolve(at.getHostString(), at.getPort())
                : List.of(at);
        return new ClientRoute(proxy, addresses);
    }

    private static Proxy select(URI uri, ProxySelector selector) throws WebSocketException {
        if (selector == null) {
            return null;
        }
        List<Proxy> proxies;
        try {
            proxies = selector.select(ClientUris.httpForm(uri));
        } catch (RuntimeException e) {
            throw new WebSocketException("the proxy selector failed for " + uri, e);
        }
        if (proxies == null || proxies.isEmpty() || proxies.get(0) == null) {
            return null;
        }
        Proxy p = proxies.get(0);
        switch (p.type()) {
            case DIRECT:
                return null;
            case HTTP:
                SocketAddress a = p.address();
                if (!(a instanceof InetSocketAddress)) {
                    throw new WebSocketException("the proxy selector chose an HTTP proxy without an address for "
                            + uri + ": " + p);
                }
                return p;
            default:
                throw new WebSocketException("the proxy selector chose " + p + " for " + uri
                        + ", but only HTTP proxies (CONNECT) are supported");
        }
    }

    private static List<InetSocketAddress> resolve(String host, int port) throws IOException {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName(host)) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }
}
