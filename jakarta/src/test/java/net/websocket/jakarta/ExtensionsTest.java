package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import net.websocket.api.Connection;
import net.websocket.api.WebSocketClient;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;

import org.junit.jupiter.api.Test;

/**
 * Extensions (Jakarta WebSocket 2.1, section 3.1.3, and the Javadoc of {@code WebSocketContainer} and
 * {@code Session}): the runtime negotiates permessage-deflate beneath the container; the container shows it as
 * installed, and a session shows what its handshake negotiated. A client of the runtime (which offers
 * permessage-deflate when the module is present, as it is for these tests) and the Tyrus client (which offers none).
 */
public class ExtensionsTest {

    /** Answers with its session's negotiated extensions, as {@code [name(param=value ...) ...]}. */
    @ServerEndpoint("/extensions")
    public static class Negotiated {
        @OnMessage
        public String text(String text, Session s) {
            return describe(s.getNegotiatedExtensions());
        }
    }

    /** Keeps no extension, noting what it was given. */
    public static class KeepsNone extends ServerEndpointConfig.Configurator {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            SEEN.add(describe(installed) + " " + describe(requested));
            return List.of();
        }
    }

    static String describe(Iterable<Extension> extensions) {
        StringJoiner out = new StringJoiner(" ", "[", "]");
        for (Extension e : extensions) {
            StringJoiner params = new StringJoiner(" ", "(", ")");
            for (Extension.Parameter p : e.getParameters()) {
                params.add(p.getName() + "=" + p.getValue());
            }
            out.add(e.getName() + (e.getParameters().isEmpty() ? "" : params.toString()));
        }
        return out.toString();
    }

    /**
     * 3.1.3: the installed extensions are those the server may negotiate; a session's negotiated extensions are
     * those its handshake response names (permessage-deflate for a client that offered it), none for a client that
     * offered none; messages go through either way.
     */
    @Test
    void theNegotiatedExtensionsAreThoseOfTheHandshake() throws Exception {
        JakartaServerContainer container = Servers.serve(Negotiated.class);
        try {
            assertEquals("[permessage-deflate]", describe(container.getInstalledExtensions()));
            WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(1).build());
            try (Connection c = client.connect(Servers.uri(container, "/extensions"))) {
                assertEquals("permessage-deflate", c.responseHeaders().get("Sec-WebSocket-Extensions"));
                c.sendText("x".repeat(5000));
                assertEquals("[permessage-deflate]", c.receiveText());
            }
            try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/extensions"))) {
                p.send("?");
                assertEquals("[]", p.text());
            }
        } finally {
            container.close();
        }
    }

    /**
     * 3.1.3: the configurator's getNegotiatedExtensions gets the installed and the requested extensions, and its
     * answer decides: a configurator that keeps none gets a session without permessage-deflate though the client
     * offered it (and the server has it); the default configurator, on the same server, keeps it.
     */
    @Test
    void theConfiguratorsNegotiatedExtensionsDecide() throws Exception {
        JakartaServerContainer container = Servers.serve(
                ServerEndpointConfig.Builder.create(Negotiated.class, "/keeps-none").configurator(new KeepsNone())
                        .build(),
                Negotiated.class);
        try {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(1).build());
            try (Connection c = client.connect(Servers.uri(container, "/keeps-none"))) {
                assertNull(c.responseHeaders().get("Sec-WebSocket-Extensions"), "offered but not kept");
                c.sendText("x".repeat(5000));
                assertEquals("[]", c.receiveText());
            }
            assertEquals(1, KeepsNone.SEEN.size());
            assertTrue(KeepsNone.SEEN.get(0).startsWith("[permessage-deflate] [permessage-deflate"),
                    KeepsNone.SEEN.get(0));
            try (Connection c = client.connect(Servers.uri(container, "/extensions"))) {
                assertEquals("permessage-deflate", c.responseHeaders().get("Sec-WebSocket-Extensions"));
                c.sendText("?");
                assertEquals("[permessage-deflate]", c.receiveText());
            }
        } finally {
            container.close();
        }
    }

    /**
     * 3.1.3: with the server's extensions turned off, none is installed, and an offer of permessage-deflate is
     * declined: the session has none.
     */
    @Test
    void withoutInstalledExtensionsNoneIsNegotiated() throws Exception {
        JakartaServerContainer container = new JakartaServerContainer();
        assertEquals(List.of(), List.copyOf(container.getInstalledExtensions()), "none before the start");
        container.addEndpoint(Negotiated.class);
        container.start(Servers.loopback().toBuilder().extensions().build());
        try {
            assertEquals("[]", describe(container.getInstalledExtensions()));
            WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(1).build());
            URI uri = Servers.uri(container, "/extensions");
            try (Connection c = client.connect(uri)) {
                assertNull(c.responseHeaders().get("Sec-WebSocket-Extensions"), "offered but declined");
                c.sendText("?");
                assertEquals("[]", c.receiveText());
            }
        } finally {
            container.close();
        }
    }

    /**
     * 3.2.1 and the {@code ClientEndpointConfig} Javadoc: a client offers the extensions its configuration lists,
     * and its session's negotiated extensions are those the server accepted; a configuration that lists none offers
     * none. Against this container's server, which has permessage-deflate installed.
     */
    @Test
    void aClientOffersTheExtensionsOfItsConfiguration() throws Exception {
        JakartaServerContainer container = Servers.serve(Negotiated.class);
        try (JakartaClientContainer client = new JakartaClientContainer()) {
            BlockingQueue<String> answers = new LinkedBlockingQueue<>();
            jakarta.websocket.Endpoint endpoint = new jakarta.websocket.Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    session.addMessageHandler(String.class, answers::add);
                }
            };
            URI uri = Servers.uri(container, "/extensions");
            ClientEndpointConfig deflate = ClientEndpointConfig.Builder.create()
                    .extensions(List.of(new Extension() {
                        @Override
                        public String getName() {
                            return "permessage-deflate";
                        }

                        @Override
                        public List<Parameter> getParameters() {
                            return List.of();
                        }
                    })).build();
            Session s = client.connectToServer(endpoint, deflate, uri);
            assertEquals("[permessage-deflate]", describe(s.getNegotiatedExtensions()));
            s.getBasicRemote().sendText("x".repeat(5000));
            assertEquals("[permessage-deflate]", answers.poll(10, TimeUnit.SECONDS), "the server's session");
            s.close();

            Session plain = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri);
            assertEquals("[]", describe(plain.getNegotiatedExtensions()));
            plain.getBasicRemote().sendText("?");
            assertEquals("[]", answers.poll(10, TimeUnit.SECONDS));
            plain.close();
        } finally {
            container.close();
        }
    }
}
