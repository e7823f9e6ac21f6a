package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Lambdas and method references are endpoints without a cast: every mapper method that takes an {@link Endpoint}
 * has a {@link Handler} twin, and {@link Listener#ofText} makes a listener of a lambda. That this file compiles is
 * half the test; the rest checks the twins route the very object given.
 */
class EndpointLambdaTest {

    private static void serve(Connection c) {
    }

    @Test
    void handlerLambdasAndMethodReferencesNeedNoCast() {
        ServiceMapper m = ServiceMapper.builder()
                .route("/a", ServiceMapper.subprotocol("x", c -> c.sendText("x")),
                        ServiceMapper.subprotocols(List.of("y", "z"), c -> { }),
                        ServiceMapper.none(EndpointLambdaTest::serve))
                .route("/b", ServiceMapper.entry(List.of("w"), true, c -> c.close(1000, "")))
                .build();
        assertInstanceOf(Handler.class, ((ServiceMapper.Selected) m.select("/a", List.of("z"))).endpoint());
        assertInstanceOf(Handler.class, ((ServiceMapper.Selected) m.select("/a", List.of())).endpoint());
        assertInstanceOf(Handler.class, ((ServiceMapper.Selected) m.select("/b", List.of())).endpoint());
        assertInstanceOf(Handler.class,
                ((ServiceMapper.Selected) ServiceMapper.single(c -> { }).select("/any", List.of())).endpoint());
    }

    @Test
    void aHandlerGoesToItsTwinAListenerOrEndpointToTheOriginalAndBothRouteTheObjectGiven() {
        Handler h = c -> { };
        Listener l = new Listener() {
        };
        Endpoint e = l;
        assertSame(h, ((ServiceMapper.Selected) ServiceMapper.single(h).select("/", List.of())).endpoint());
        assertSame(l, ((ServiceMapper.Selected) ServiceMapper.single(l).select("/", List.of())).endpoint());
        assertSame(e, ((ServiceMapper.Selected) ServiceMapper.builder().route("/", ServiceMapper.none(e)).build()
                .select("/", List.of())).endpoint());
        assertThrows(NullPointerException.class, () -> ServiceMapper.none((Handler) null));
    }

    @Test
    void ofTextCallsTheLambdaForTextAndNothingElse() throws Exception {
        List<String> seen = new ArrayList<>();
        Listener l = Listener.ofText((c, text) -> seen.add(text));
        l.onOpen(null);
        l.onText(null, "one");
        l.onBinary(null, ByteBuffer.allocate(1));
        l.onText(null, "two");
        l.onClose(null, null);
        assertEquals(List.of("one", "two"), seen);
        assertThrows(NullPointerException.class, () -> Listener.ofText(null));
    }
}
