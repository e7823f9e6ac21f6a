package net.websocket.servlet.containers;

import org.junit.jupiter.api.Test;

/**
 * The example endpoints through {@code WebSocketServlet} in embedded Jetty 12.1 (ee10), where the servlet switches
 * protocols through the module {@code net.websocket.servlet.jetty} (found by {@code ServiceLoader} on this class
 * path), so that a request without {@code Content-Length} is carried as well; and hybi-00 answered as the draft's own
 * server does: nothing before key3, then the draft's status line, fields and answer, key3 read whole even when it
 * begins with CR LF.
 */
class JettyWebSocketTest extends ContainerWebSocketTest {

    JettyWebSocketTest() {
        super(ContainerServer.Kind.JETTY);
    }

    /** Nothing goes out before key3 has come; then the draft's whole response, its status line as the draft's. */
    @Test
    void answersHybi00OnlyOnceKey3HasComeWithTheDraftsStatusLine() throws Exception {
        assertHybi00AnsweredOnlyOnceKey3HasCome();
    }

    /** A key3 that begins with CR LF, in the same write as the head: key bytes, which Jetty's parser would drop. */
    @Test
    void readsAKey3BeginningWithCrLf() throws Exception {
        assertKey3BeginningWithCrLfReadWhole();
    }
}
