package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Threading and the session idle timeout (Jakarta WebSocket 2.1, section 5.1 and the Javadoc of
 * {@code Session.setMaxIdleTimeout}), driven by the Tyrus client.
 */
public class ThreadingAndTimeoutsTest {

    /** Messages each peer sends of each kind in the threading test: small, so that the test stays short. */
    private static final int MESSAGES = 100;
    private static final int PEERS = 3;

    /**
     * Counts, per instance, the calls that found another call of the same instance still running, and the messages
     * of each kind; answers "report" with them.
     */
    @ServerEndpoint("/one-at-a-time")
    public static class OneAtATime {
        private final AtomicBoolean busy = new AtomicBoolean();
        private final AtomicInteger overlaps = new AtomicInteger();
        private int texts;
        private int binaries;
        private int pongs;

        private void enter() {
            if (!busy.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            for (int i = 0; i < 1000; i++) {
                Thread.onSpinWait(); // stay inside a little, so that a second thread would meet this one
            }
        }

        private void leave() {
            busy.set(false);
        }

        @OnMessage
        public String text(String text) {
            enter();
            try {
                if (text.equals("report")) {
                    return texts + " " + binaries + " " + pongs + " " + overlaps.get();
                }
                texts++;
                return null;
            } finally {
                leave();
            }
        }

        @OnMessage
        public void binary(ByteBuffer data) {
            enter();
            binaries++;
            leave();
        }

        @OnMessage
        public void pong(PongMessage pong) {
            enter();
            pongs++;
            leave();
        }
    }

    /** Sets its session's idle timeout when asked ("idle N"), and echoes it. */
    @ServerEndpoint("/idle")
    public static class IdleSetter {
        @OnMessage
        public String text(String text, Session s) {
            if (text.startsWith("idle ")) {
                s.setMaxIdleTimeout(Long.parseLong(text.substring(5)));
            }
            return String.valueOf(s.getMaxIdleTimeout());
        }
    }

    static JakartaServerContainer container;

    @BeforeAll
    static void start() throws Exception {
        container = Servers.serve(OneAtATime.class, IdleSetter.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    /**
     * 5.1: the container calls an endpoint instance with at most one thread at a time per peer: text, binary and pong
     * messages sent without pause by several peers at once never overlap in one instance, and none is lost.
     */
    @Test
    void anEndpointInstanceIsCalledByOneThreadAtATime() throws Exception {
        List<TyrusPeer> peers = new ArrayList<>();
        try {
            for (int i = 0; i < PEERS; i++) {
                peers.add(TyrusPeer.connect(Servers.uri(container, "/one-at-a-time")));
            }
            for (int m = 0; m < MESSAGES; m++) {
                for (TyrusPeer p : peers) {
                    p.send("t" + m);
                    p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {(byte) m}));
                    p.session.getBasicRemote().sendPong(ByteBuffer.wrap(new byte[] {(byte) m}));
                }
            }
            for (TyrusPeer p : peers) {
                p.send("report");
                assertEquals(MESSAGES + " " + MESSAGES + " " + MESSAGES + " 0", p.text());
            }
        } finally {
            for (TyrusPeer p : peers) {
                p.close();
            }
        }
    }

    /**
     * {@code Session.setMaxIdleTimeout} on an open session takes effect: the session, open with the container's
     * default (five minutes), is closed with 1001 once idle for the time it sets.
     */
    @Test
    void setMaxIdleTimeoutChangesTheOpenSession() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/idle"))) {
            p.send("ask");
            assertEquals(String.valueOf(container.getDefaultMaxSessionIdleTimeout()), p.text());
            p.send("idle 200");
            assertEquals("200", p.text());
            assertEquals(1001, p.closeReason().getCloseCode().getCode());
        }
    }
}
