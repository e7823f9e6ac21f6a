package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions (Jakarta WebSocket 2.1, section 2.1.2 and the Javadoc of {@code Session}), driven by the Tyrus client. */
public class SessionTest {

    static final CompletableFuture<Session> LAST_OPENED = new CompletableFuture<>();

    /** Answers questions about its own session. */
    @ServerEndpoint("/session/{p}")
    public static class Describe {
        @OnOpen
        public void open(Session s) {
            s.getUserProperties().put("opened", s.getId());
        }

        @OnMessage(maxMessageSize = 100)
        public String text(String q, Session s) throws IOException {
            switch (q) {
                case "id":
                    return s.getId() + " " + s.getUserProperties().get("opened");
                case "uri":
                    return s.getRequestURI().getPath() + " " + s.getQueryString() + " "
                            + s.getRequestParameterMap().get("a") + " " + s.getPathParameters();
                case "open":
                    return String.valueOf(s.getOpenSessions().size());
                case "sizes":
                    return s.getMaxTextMessageBufferSize() + " " + s.getProtocolVersion() + " " + s.isSecure()
                            + " " + s.isOpen();
                case "close":
                    s.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "asked to"));
                    return null;
                default:
                    return q;
            }
        }
    }

    /** Has no binary handler. */
    @ServerEndpoint("/text-only")
    public static class TextOnly {
        @OnMessage
        public String text(String s) {
            return s;
        }
    }

    static JakartaServerContainer container;

    @BeforeAll
    static void start() throws Exception {
        container = Servers.serve(Describe.class, TextOnly.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    /** 2.1.2: a session has an id unique among the container's sessions, and user properties of its own. */
    @Test
    void theIdIsUniqueAndUserPropertiesBelongToTheSession() throws Exception {
        try (TyrusPeer a = TyrusPeer.connect(Servers.uri(container, "/session/x"));
                TyrusPeer b = TyrusPeer.connect(Servers.uri(container, "/session/x"))) {
            a.send("id");
            b.send("id");
            String[] ia = a.text().split(" ");
            String[] ib = b.text().split(" ");
            assertEquals(ia[0], ia[1]);
            assertEquals(ib[0], ib[1]);
            assertFalse(ia[0].equals(ib[0]));
        }
    }

    /** Session Javadoc: the request URI, query string, request parameters and path parameters of the handshake. */
    @Test
    void theRequestUriParametersAndPathParametersAreThoseOfTheHandshake() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/session/val?a=1&a=2&b=3"))) {
            p.send("uri");
            assertEquals("/session/val a=1&a=2&b=3 [1, 2] {p=val}", p.text());
        }
    }

    /** Session Javadoc: getOpenSessions gives the open sessions of the same endpoint. */
    @Test
    void openSessionsAreThoseOfTheSameEndpoint() throws Exception {
        try (TyrusPeer a = TyrusPeer.connect(Servers.uri(container, "/session/1"));
                TyrusPeer b = TyrusPeer.connect(Servers.uri(container, "/session/2"));
                TyrusPeer other = TyrusPeer.connect(Servers.uri(container, "/text-only"))) {
            other.send("here");
            assertEquals("here", other.text());
            // a session is open once its onOpen ran, which a connected client does not wait for: a message handled
            // on each session shows both open
            a.send("open");
            a.text();
            b.send("open");
            assertEquals("2", b.text());
            b.close();
            b.closeReason();
            // the server's onClose of b has run once b's close is answered; ask until the count says so
            String count = "2";
            for (int i = 0; i < 50 && !count.equals("1"); i++) {
                a.send("open");
                count = a.text();
            }
            assertEquals("1", count);
        }
    }

    /**
     * 4.7.1 maxMessageSize and Session buffer sizes: a message larger than the buffer closes the session with 1009
     * (too big); the buffer size, protocol version, security and openness are reported.
     */
    @Test
    void aMessageOverTheBufferSizeClosesWith1009() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/session/s"))) {
            p.send("sizes");
            assertEquals("100 13 false true", p.text());
            p.send("x".repeat(101));
            assertEquals(1009, p.closeReason().getCloseCode().getCode());
        }
    }

    /** 2.1.5 closing: Session.close(CloseReason) sends its code and reason to the peer. */
    @Test
    void closeSendsTheCodeAndReason() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/session/c"))) {
            p.send("close");
            CloseReason r = p.closeReason();
            assertEquals(1008, r.getCloseCode().getCode());
            assertEquals("asked to", r.getReasonPhrase());
        }
    }

    /** 2.1.3: a message of a type the session has no handler for closes it with 1003 (cannot accept). */
    @Test
    void aMessageWithoutAHandlerClosesWith1003() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/text-only"))) {
            p.session.getBasicRemote().sendBinary(ByteBuffer.allocate(3));
            assertEquals(1003, p.closeReason().getCloseCode().getCode());
        }
    }
}
