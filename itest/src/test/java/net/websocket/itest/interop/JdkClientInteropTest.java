package net.websocket.itest.interop;

import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.JdkPeerClient;
import net.websocket.itest.support.PeerClient;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;

/** The JDK's {@code java.net.http.WebSocket} client against our server. */
@InteropMatrix.Row(value = InteropMatrix.JDK_CLIENT,
        notApplicable = InteropMatrix.DEFLATE + ": java.net.http.WebSocket offers no extensions")
class JdkClientInteropTest extends PeerClientContract {

    @BeforeAll
    static void recordVersion() {
        InteropMatrix.version(InteropMatrix.JDK_CLIENT, "JDK " + Runtime.version());
    }

    @Override
    PeerClient connect(URI uri, String... subprotocols) throws Exception {
        return JdkPeerClient.connect(uri, subprotocols);
    }
}
