package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Annotations and Java inheritance (Jakarta WebSocket 2.1, section 4.8): the WebSocket annotations are not passed
 * down the class hierarchy; they apply to the class, and the method, they are on.
 */
public class InheritanceTest {

    /** An annotated endpoint. */
    @ServerEndpoint("/base")
    public static class Base {
        @OnMessage
        public String text(String s) {
            return "base " + s;
        }
    }

    /** A subclass without an annotation of its own. */
    public static class Unannotated extends Base {
    }

    /** An endpoint whose override of the message method has no {@code @OnMessage}. */
    @ServerEndpoint("/plain-override")
    public static class PlainOverride extends Base {
        @Override
        public String text(String s) {
            return "plain " + s;
        }
    }

    /** An endpoint whose override is annotated again. */
    @ServerEndpoint("/annotated-override")
    public static class AnnotatedOverride extends Base {
        @Override
        @OnMessage
        public String text(String s) {
            return "override " + s;
        }
    }

    static JakartaServerContainer container;

    @BeforeAll
    static void start() throws Exception {
        container = Servers.serve(Base.class, PlainOverride.class, AnnotatedOverride.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    /** 4.8: {@code @ServerEndpoint} on a superclass does not make a subclass an endpoint. */
    @Test
    void aSubclassOfAnEndpointIsNoEndpoint() {
        assertThrows(DeploymentException.class, () -> new JakartaServerContainer().addEndpoint(Unannotated.class));
    }

    /**
     * 4.8: a method overriding an {@code @OnMessage} method without the annotation handles no messages (the
     * endpoint then has no text handler: 1003), while an override annotated again is the one called.
     */
    @Test
    void anOverrideIsAMessageMethodOnlyIfAnnotatedItself() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/plain-override"))) {
            p.send("x");
            assertEquals(1003, p.closeReason().getCloseCode().getCode());
        }
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/annotated-override"))) {
            p.send("x");
            assertEquals("override x", p.text());
        }
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/base"))) {
            p.send("x");
            assertEquals("base x", p.text());
        }
    }
}
