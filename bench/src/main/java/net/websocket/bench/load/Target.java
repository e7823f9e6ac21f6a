package net.websocket.bench.load;

import java.net.InetSocketAddress;

/**
 * A server under test: where it listens and whether it speaks WebSocket (the raw TCP echo does not: it returns the
 * client's bytes, handshake request included, and never closes first).
 *
 * @param name      the server's name in reports
 * @param address   a loopback address and port
 * @param path      the request path of the echo endpoint
 * @param websocket false for the raw TCP echo
 */
public record Target(String name, InetSocketAddress address, String path, boolean websocket) {

    public Target {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("benchmarks only talk to loopback addresses, not " + address);
        }
    }
}
