package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import net.websocket.api.CloseCodes;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeException;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.PrototypeServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * {@code @ServerEndpoint} services registered the Pax Web way ({@code websocket=true}, or the older
 * {@code org.ops4j.pax.web.http.whiteboard.websocket=true}, as {@code Object}) are served by the whiteboard's
 * servers through the {@code net.websocket.jakarta} bundle: reachable with their path parameters over both variants,
 * gone when unregistered, with the service object, or an instance per session for a prototype service, and served
 * on while a variant bundle beneath stops and starts.
 */
class JakartaWhiteboardTest {

    private static OsgiFramework fw;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        fw = OsgiFramework.start(false);
        for (String bsn : List.of("jakarta.websocket-client-api", "jakarta.websocket-api", "net.websocket.jakarta")) {
            Path jar = OsgiFramework.projectBundle(bsn);
            try (InputStream in = Files.newInputStream(jar)) {
                fw.context().installBundle(jar.toUri().toString(), in).start();
            }
        }
        Path probe = Probe.jakartaJar(fw.work());
        try (InputStream in = Files.newInputStream(probe)) {
            fw.context().installBundle(probe.toUri().toString(), in).start();
        }
        fw.configure(WhiteboardConfiguration.SERVER_FACTORY_PID, "jk", Map.of(WhiteboardConfiguration.HOST,
                "127.0.0.1", WhiteboardConfiguration.PORT, 0, ConnectionSettings.CLOSE_TIMEOUT.name(), 3000L,
                WhiteboardConfiguration.SHUTDOWN_TIMEOUT, 3000L));
        port = fw.serverPort("jk");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fw != null) {
            fw.close();
        }
    }

    /** Registers a {@code Room} endpoint object from the Jakarta probe bundle, as {@code Object}, Pax Web's way. */
    private static ServiceRegistration<?> registerRoom(String property) throws Exception {
        Bundle probe = fw.bundle(Probe.JAKARTA_PROBE);
        Object room = probe.loadClass(Probe.ROOM).getConstructor().newInstance();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(property, Boolean.TRUE);
        return probe.getBundleContext().registerService(Object.class.getName(), room, props);
    }

    /**
     * A prototype-scope service of {@code Room}s, counting the instances it made and those given back (a type of the
     * test's class path implementing the framework's interface, which the system bundle exports from it).
     */
    private static final class Rooms implements PrototypeServiceFactory<Object> {
        final Class<?> room;
        final AtomicInteger made = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        Rooms(Class<?> room) {
            this.room = room;
        }

        @Override
        public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
            made.incrementAndGet();
            try {
                return room.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
            released.incrementAndGet();
        }
    }

    /** Connects once the endpoint is served (the component and the whiteboard follow the service asynchronously). */
    private static Connection awaitConnect(String variant, String path, String... subprotocols) throws Exception {
        long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
        while (true) {
            try {
                return Clients.connectWith(variant, port, path, subprotocols);
            } catch (HandshakeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Waits until a handshake at the path is refused with 404: the route is gone. */
    private static void awaitNoRoute(String path) throws Exception {
        long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
        while (true) {
            try (Connection c = Clients.connect(port, path)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("still served at " + path);
                }
                Thread.sleep(20);
            } catch (HandshakeException e) {
                assertEquals(404, e.status(), e.toString());
                return;
            }
        }
    }

    private static void assertEcho(Connection c, String room, String text) throws Exception {
        c.sendText(text);
        assertEquals(room + ": " + text, c.receiveText());
    }

    /**
     * A Pax-Web-style {@code @ServerEndpoint} service with a {@code @PathParam} is reachable over RFC 6455 and
     * hybi-00; unregistering it closes its sessions with 1001 and removes the route; Pax Web's older property works
     * the same.
     */
    @Test
    void paxWebStyleEndpointServicesAreServedUntilUnregistered() throws Exception {
        for (String property : List.of("websocket", "org.ops4j.pax.web.http.whiteboard.websocket")) {
            ServiceRegistration<?> reg = registerRoom(property);
            try (Connection rfc = awaitConnect(ConnectRequest.RFC6455, "/rooms/blue");
                    Connection hybi = awaitConnect(ConnectRequest.HYBI00, "/rooms/red%20one")) {
                assertEcho(rfc, "blue", "hello");
                assertEcho(hybi, "red one", "hi");
                reg.unregister();
                reg = null;
                assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(rfc).code());
                awaitNoRoute("/rooms/blue");
            } finally {
                if (reg != null) {
                    reg.unregister();
                }
            }
        }
    }

    /**
     * As on the container's own server (Jakarta WebSocket 2.1, 3.1.2), an endpoint with no subprotocols accepts a
     * client that offers subprotocols it does not know, with none: the route takes any offer, the configurator
     * chooses.
     */
    @Test
    void offeredSubprotocolsTheEndpointDoesNotSupportAreAcceptedWithNone() throws Exception {
        ServiceRegistration<?> reg = registerRoom("websocket");
        try (Connection c = awaitConnect(ConnectRequest.RFC6455, "/rooms/any", "x", "y")) {
            assertEquals(Optional.empty(), c.subprotocol());
            assertEcho(c, "any", "offered x and y");
        } finally {
            reg.unregister();
        }
    }

    private static String instance(Connection c, String room) throws Exception {
        c.sendText("instance");
        String answer = c.receiveText();
        assertTrue(answer.startsWith(room + ": "), answer);
        return answer;
    }

    /**
     * Instances: the object of a singleton service serves every session (as in Pax Web); a prototype-scope service
     * gives each session an instance of its own, given back when the session closes.
     */
    @Test
    void aPrototypeServiceGivesEachSessionItsOwnInstance() throws Exception {
        ServiceRegistration<?> reg = registerRoom("websocket");
        try (Connection a = awaitConnect(ConnectRequest.RFC6455, "/rooms/one");
                Connection b = awaitConnect(ConnectRequest.RFC6455, "/rooms/one")) {
            assertEquals(instance(a, "one"), instance(b, "one"), "the service object for all");
        } finally {
            reg.unregister();
        }
        awaitNoRoute("/rooms/one");
        Bundle probe = fw.bundle(Probe.JAKARTA_PROBE);
        Rooms rooms = new Rooms(probe.loadClass(Probe.ROOM));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("websocket", "true");
        ServiceRegistration<?> prototype = probe.getBundleContext().registerService(Object.class.getName(), rooms,
                props);
        try {
            int before;
            try (Connection a = awaitConnect(ConnectRequest.RFC6455, "/rooms/two");
                    Connection b = awaitConnect(ConnectRequest.RFC6455, "/rooms/two")) {
                assertNotEquals(instance(a, "two"), instance(b, "two"), "an instance per session");
                before = rooms.released.get();
                a.close();
                Clients.closeStatus(a);
            }
            long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
            while (rooms.released.get() < before + 2 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the sessions' instances are given back as their onClose ends
            }
            assertEquals(before + 2, rooms.released.get(), "both sessions' instances given back");
        } finally {
            prototype.unregister();
        }
    }

    /**
     * Hot swap underneath: while the hybi-00 bundle stops and starts again, an RFC 6455 session to the Jakarta
     * endpoint keeps echoing, and hybi-00 handshakes are refused, then served again.
     */
    @Test
    void aSessionKeepsEchoingWhileAVariantBundleStopsAndStarts() throws Exception {
        ServiceRegistration<?> reg = registerRoom("websocket");
        try (Connection rfc = awaitConnect(ConnectRequest.RFC6455, "/rooms/swap")) {
            assertEcho(rfc, "swap", "before");
            Bundle hybi00 = fw.bundle(OsgiFramework.HYBI00);
            hybi00.stop();
            assertEcho(rfc, "swap", "stopped");
            HandshakeException refused = assertThrows(HandshakeException.class,
                    () -> Clients.connectWith(ConnectRequest.HYBI00, port, "/rooms/swap"));
            assertEquals(400, refused.status(), "no hybi-00 variant: an RFC 6455 server finds no version header");
            hybi00.start();
            try (Connection hybi = awaitConnect(ConnectRequest.HYBI00, "/rooms/swap")) {
                assertEcho(hybi, "swap", "back");
            }
            assertEcho(rfc, "swap", "after");
        } finally {
            reg.unregister();
        }
    }
}
