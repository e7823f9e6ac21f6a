package net.websocket.jakarta;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.container.jdk.client.JdkClientContainer;

/**
 * The independent client of the tests: Tyrus 2.2 over the JDK's sockets, connected to 127.0.0.1. It queues what
 * it receives, so a test waits on an event (a bounded poll), never on time.
 */
final class TyrusPeer implements AutoCloseable {

    static final long WAIT_SECONDS = 20;

    /** One client for every test: a client of its own per connection may find its timer shut by another's close. */
    private static final ClientManager CLIENT = ClientManager.createClient(JdkClientContainer.class.getName());

    /**
     * A connection kept open while the tests run: Tyrus shuts its client's timers down when the client's last
     * session closes, which races with the next test's new session (it then fails with a
     * RejectedExecutionException).
     */
    private static Session anchor;

    /** Anchors the client: a session of its own, to a server of its own, never closed. */
    private static synchronized void anchor() throws Exception {
        if (anchor == null) {
            ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Quiet.class, "/anchor").build();
            JakartaServerContainer c = new JakartaServerContainer();
            c.addEndpoint(config);
            c.start(Servers.loopback());
            anchor = CLIENT.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig cfg) {
                }
            }, ClientEndpointConfig.Builder.create().build(), Servers.uri(c, "/anchor"));
        }
    }

    /** The anchor's server endpoint: does nothing. */
    public static class Quiet extends Endpoint {
        @Override
        public void onOpen(Session s, EndpointConfig cfg) {
        }
    }

    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> binaries = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final CompletableFuture<Map<String, List<String>>> responseHeaders = new CompletableFuture<>();
    final Session session;

    private TyrusPeer(URI uri, Map<String, List<String>> requestHeaders, List<String> subprotocols,
            List<Class<? extends jakarta.websocket.Encoder>> encoders,
            List<Class<? extends jakarta.websocket.Decoder>> decoders, BlockingQueue<Object> objects)
            throws Exception {
        anchor();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(subprotocols)
                .encoders(encoders)
                .decoders(decoders)
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.putAll(requestHeaders);
                    }

                    @Override
                    public void afterResponse(HandshakeResponse hr) {
                        responseHeaders.complete(hr.getHeaders());
                    }
                }).build();
        session = CLIENT.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig c) {
                if (objects != null) {
                    s.addMessageHandler(Object.class, objects::add);
                } else {
                    s.addMessageHandler(String.class, texts::add);
                    s.addMessageHandler(ByteBuffer.class, binaries::add);
                }
                s.addMessageHandler(PongMessage.class, p -> pongs.add(p.getApplicationData()));
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closed.complete(reason);
            }

            @Override
            public void onError(Session s, Throwable t) {
                closed.completeExceptionally(t);
            }
        }, config, uri);
    }

    static TyrusPeer connect(URI uri) throws Exception {
        return new TyrusPeer(uri, Map.of(), List.of(), List.of(), List.of(), null);
    }

    static TyrusPeer connect(URI uri, Map<String, List<String>> headers, List<String> subprotocols)
            throws Exception {
        return new TyrusPeer(uri, headers, subprotocols, List.of(), List.of(), null);
    }

    /** A peer with its own encoders and decoders, whose decoded messages go to {@code objects}. */
    static TyrusPeer connect(URI uri, List<Class<? extends jakarta.websocket.Encoder>> encoders,
            List<Class<? extends jakarta.websocket.Decoder>> decoders, BlockingQueue<Object> objects)
            throws Exception {
        return new TyrusPeer(uri, Map.of(), List.of(), encoders, decoders, objects);
    }

    String text() throws InterruptedException {
        String s = texts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no text message within " + WAIT_SECONDS + " s");
        }
        return s;
    }

    ByteBuffer binary() throws InterruptedException {
        ByteBuffer b = binaries.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (b == null) {
            throw new AssertionError("no binary message within " + WAIT_SECONDS + " s");
        }
        return b;
    }

    CloseReason closeReason() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    void send(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }
}
