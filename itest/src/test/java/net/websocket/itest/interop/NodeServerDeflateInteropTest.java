package net.websocket.itest.interop;

import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.NodePeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our client against a Node ws server ({@code ws_server.js deflate}) that accepts permessage-deflate with ws's
 * defaults and compresses every message. Skipped where node or npm is missing.
 */
@InteropMatrix.Row(InteropMatrix.NODE_SERVER_DEFLATE)
class NodeServerDeflateInteropTest extends OurClientDeflateContract {

    private static ExternalPeer peer;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        String why = NodePeer.unavailableReason();
        assumeTrue(why == null, () -> "Node ws peer skipped: " + why);
        InteropMatrix.version(InteropMatrix.NODE_SERVER_DEFLATE, "ws " + NodePeer.version("ws"));
        peer = ExternalPeer.start(NodePeer.command("ws_server.js", "deflate"));
        port = peer.awaitPort(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
    }

    @Override
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }
}
