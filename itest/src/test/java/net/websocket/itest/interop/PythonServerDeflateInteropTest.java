package net.websocket.itest.interop;

import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.PythonPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our client against a Node ws server ({@code ws_server.py deflate}) that accepts permessage-deflate with ws's
 * defaults and compresses every message. Skipped where node or npm is missing.
 */
@InteropMatrix.Row(InteropMatrix.PYTHON_SERVER_DEFLATE)
class PythonServerDeflateInteropTest extends OurClientDeflateContract {

    private static ExternalPeer peer;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        String why = PythonPeer.unavailableReason();
        assumeTrue(why == null, () -> "python-websockets peer skipped: " + why);
        InteropMatrix.version(InteropMatrix.PYTHON_SERVER_DEFLATE, "websockets " + PythonPeer.version());
        peer = ExternalPeer.start(PythonPeer.command("ws_server.py", "deflate"));
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
