package net.websocket.servlet.containers;

/** The example endpoints through {@code WebSocketServlet} in embedded Undertow. */
class UndertowWebSocketTest extends ContainerWebSocketTest {
    UndertowWebSocketTest() {
        super(ContainerServer.Kind.UNDERTOW);
    }

    /** A limit of the container: see the message. */
    @Override
    String hybi00Defect() {
        return "Undertow 2.3 collapses a run of spaces inside a header value to one space, so a hybi-00 key with two"
                + " spaces side by side (our client, like the draft's own example, places them at random) reaches the"
                + " servlet with fewer spaces: the handshake is refused (and Undertow holds that answer while the"
                + " 8 bytes after the head wait) or answered with the wrong challenge; about half of the runs";
    }
}
