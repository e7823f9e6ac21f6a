package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

class ConnectRequestTest {

    @Test
    void theDefaultsAskForNothingOfTheirOwn() {
        ConnectRequest d = ConnectRequest.defaults();
        assertEquals(ConnectRequest.RFC6455, d.variant());
        assertEquals(Duration.ofSeconds(30), d.timeout());
        assertTrue(d.subprotocols().isEmpty());
        assertTrue(d.extensions().isEmpty(), "every extension of the client");
        assertTrue(d.sslContext().isEmpty(), "the client's TLS context");
    }

    @Test
    void toBuilderKeepsEverythingSet() throws Exception {
        SSLContext own = SSLContext.getInstance("TLS");
        ConnectRequest r = ConnectRequest.builder().variant(ConnectRequest.HYBI00).subprotocols("chat")
                .extensions(List.of()).timeout(Duration.ofSeconds(5)).header("X-A", "1").sslContext(own).build();
        ConnectRequest copy = r.toBuilder().build();
        assertSame(own, copy.sslContext().orElseThrow());
        assertEquals(List.of("chat"), copy.subprotocols());
        assertEquals(List.of(), copy.extensions().orElseThrow());
        assertEquals(ConnectRequest.HYBI00, copy.variant());
        assertEquals(Duration.ofSeconds(5), copy.timeout());
        assertEquals("1", copy.headers().first("X-A").orElseThrow());
        assertTrue(r.toBuilder().sslContext(null).build().sslContext().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ConnectRequest.builder().timeout(Duration.ZERO));
    }
}
