package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeException;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.itest.support.JdkPeerClient;
import net.websocket.itest.support.PeerClient;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.runtime.dto.DTOConstants;

/**
 * The whiteboard's servers on the OSGi HTTP whiteboard's port (bundle {@code net.websocket.whiteboard.http}): in
 * Felix with Felix HTTP Jetty (Jetty 11) a server configured with {@code httpWhiteboard = true} serves its endpoints
 * beside a plain whiteboard servlet, and keeps serving RFC 6455 without a loss while the hybi-00 bundle stops and
 * starts; with Felix HTTP Jetty12 1.1.6 (Jetty 12.0, which cannot switch protocols) the servlet fails clearly.
 */
class HttpWhiteboardTest {

    private static final String HTTP_PROBE = "net.websocket.itest.probe.http";

    @TempDir
    Path dir;

    /** A framework with the HTTP whiteboard of this directory's bundles listening on a free 127.0.0.1 port. */
    private OsgiFramework start(String bundlesProperty, int port) throws Exception {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(System.getProperty(bundlesProperty)),
                "*.jar")) {
            for (Path jar : ds) {
                jars.add(withoutServiceLoaderRequirements(jar, dir));
            }
        }
        jars.add(Probe.jar(dir, "net.websocket.itest.osgi.probe.http", HTTP_PROBE,
                "jakarta.servlet;version=\"[5,7)\",jakarta.servlet.http;version=\"[5,7)\""));
        return OsgiFramework.start(false, List.of("net.websocket.servlet", "net.websocket.whiteboard.http"), jars,
                Map.of("org.osgi.service.http.port", String.valueOf(port), "org.apache.felix.http.host",
                        "127.0.0.1"));
    }

    /** Configures the server {@code hw} on the HTTP whiteboard at {@code /ws/*}, with an echoing endpoint. */
    private static void configure(OsgiFramework fw) throws Exception {
        fw.registerGreeter("echo", Map.of(WebSocketWhiteboard.PATH, "/ws/e", WebSocketWhiteboard.SERVER, "hw"));
        fw.configure(WhiteboardConfiguration.SERVER_FACTORY_PID, "hw", Map.of(WhiteboardConfiguration.HTTP_WHITEBOARD,
                true, WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN, new String[] {"/ws/*"},
                ConnectionSettings.CLOSE_TIMEOUT.name(), 3000L, WhiteboardConfiguration.SHUTDOWN_TIMEOUT, 3000L));
        fw.await("jakarta.servlet.Servlet", "(websocket.server=hw)");
        registerHello(fw);
    }

    /** Registers, from the HTTP probe bundle, a whiteboard servlet answering {@code hello} at {@code /hello}. */
    private static void registerHello(OsgiFramework fw) throws Exception {
        Bundle probe = fw.bundle(HTTP_PROBE);
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("osgi.http.whiteboard.servlet.pattern", "/hello");
        probe.getBundleContext().registerService("jakarta.servlet.Servlet",
                probe.loadClass("net.websocket.itest.osgi.probe.http.HelloServlet").getConstructor().newInstance(), p);
    }

    @Test
    void servedBesideAServletWithHotSwapOnJetty11() throws Exception {
        int port = freePort();
        try (OsgiFramework fw = start("itest.osgi.http.jetty", port)) {
            configure(fw);
            EchoLoad rfc = new EchoLoad(ConnectRequest.RFC6455, awaitHandshake(ConnectRequest.RFC6455, port));
            EchoLoad hybi = new EchoLoad(ConnectRequest.HYBI00, awaitHandshake(ConnectRequest.HYBI00, port));
            assertEquals("hello", get(port, "/hello"));
            rfc.assertRunning();
            hybi.assertRunning();
            assertTrue(fw.command("servers").contains("http-whiteboard"), fw.command("servers"));
            HandshakeException noRoute = assertThrows(HandshakeException.class,
                    () -> Clients.connect(port, "/ws/none").close());
            assertEquals(404, noRoute.status());

            // the hybi-00 bundle stops: the server closes its connection (hybi-00 carries no status: 1005), its
            // handshakes are refused; RFC 6455 goes on
            Bundle hybi00 = fw.bundle(OsgiFramework.HYBI00);
            hybi00.stop();
            CloseStatus s = hybi.awaitClosedByServer();
            assertEquals(CloseCodes.NO_STATUS, s.code(), s.toString());
            assertThrows(HandshakeException.class, () -> Clients.connectWith(ConnectRequest.HYBI00, port, "/ws/e")
                    .close());
            rfc.assertRunning();
            assertEquals("hello", get(port, "/hello"));

            // started again: hybi-00 is served anew on the same port
            hybi00.start();
            hybi = new EchoLoad(ConnectRequest.HYBI00, awaitHandshake(ConnectRequest.HYBI00, port));
            hybi.assertRunning();
            rfc.assertRunning();

            // the RFC 6455 connection echoed through it all and lost nothing (every echo matched, in order)
            assertTrue(rfc.finish() > 0);
            assertTrue(hybi.finish() > 0);
        }
    }

    /**
     * A bundle registers only endpoint services that ask for the HTTP port ({@code websocket.httpWhiteboard}); nobody
     * writes a configuration. The whiteboard runs the server {@code http-whiteboard} on demand, on Jetty's port
     * beside a servlet, with no socket of its own; a second endpoint with another path shares its servlet (whose
     * patterns change beneath an open connection); when the endpoints go, their connections get 1001 and the
     * handshake 404, and the server is gone.
     */
    @Test
    void anEndpointAsksForTheHttpPortWithNoConfiguration() throws Exception {
        int port = freePort();
        try (OsgiFramework fw = start("itest.osgi.http.jetty", port)) {
            registerHello(fw);
            ServiceRegistration<?> chat = fw.registerGreeter("chat", Map.of(WebSocketWhiteboard.PATH, "/chat",
                    WebSocketWhiteboard.HTTP_WHITEBOARD, true));
            String servlet = "(websocket.server=" + WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER + ")";
            fw.await("jakarta.servlet.Servlet", servlet);

            // the JDK's client through the HTTP port: greeted, then echoed
            JdkPeerClient jdk = awaitJdk(port, "/chat");
            assertEquals("chat", jdk.next(PeerClient.Text.class).text());
            jdk.sendText("through Jetty's port", true);
            assertEquals("through Jetty's port", jdk.next(PeerClient.Text.class).text());
            EchoLoad load = new EchoLoad(ConnectRequest.RFC6455, awaitHandshake(ConnectRequest.RFC6455, port,
                    "/chat", "chat"));
            assertEquals("hello", get(port, "/hello"));

            // a second endpoint, another path: the one servlet now covers both, the open connections go on
            ServiceRegistration<?> rooms = fw.registerGreeter("rooms", Map.of(WebSocketWhiteboard.PATH,
                    "/rooms/[a-z]+", WebSocketWhiteboard.HTTP_WHITEBOARD, true));
            awaitHandshake(ConnectRequest.RFC6455, port, "/rooms/lobby", "rooms").close();
            Clients.connect(port, "/chat").close(); // the new servlet took /chat over at once: no retry
            load.assertRunning();
            jdk.sendText("still here", true);
            assertEquals("still here", jdk.next(PeerClient.Text.class).text());
            assertEquals("hello", get(port, "/hello"));

            // no socket of our own: no WebSocketServer service, and the runtime shows the server on the HTTP port
            assertNull(fw.context().getServiceReference("net.websocket.api.WebSocketServer"));
            assertEquals(List.of(WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER
                    + " http-whiteboard null /chat,/rooms/[a-z]+"), servers(fw));
            // ws:servers says where on the HTTP port: the servlet patterns covering both endpoints
            assertTrue(fw.command("servers").contains("http-whiteboard /chat,/rooms/*"), fw.command("servers"));

            // the endpoints go: their connections get 1001, the handshake 404, the server and its servlet go
            rooms.unregister();
            chat.unregister();
            assertEquals(CloseCodes.GOING_AWAY, load.awaitClosedByServer().code());
            assertEquals(CloseCodes.GOING_AWAY, jdk.next(PeerClient.Closed.class).code());
            jdk.close();
            HandshakeException gone = assertThrows(HandshakeException.class,
                    () -> Clients.connect(port, "/chat").close());
            assertEquals(404, gone.status());
            fw.awaitGone("jakarta.servlet.Servlet", servlet);
            assertEquals(List.of(), servers(fw));
            assertEquals("hello", get(port, "/hello"));
        }
    }

    /**
     * The server on demand swaps variants as any server (the hybi-00 bundle stopped and started beneath an RFC 6455
     * load), and a configuration of its name replaces it while it exists (its connections get 1001), with patterns of
     * its own; deleted, the server on demand comes back.
     */
    @Test
    void theServerOnDemandSwapsVariantsAndAConfigurationOfItsNameReplacesIt() throws Exception {
        int port = freePort();
        try (OsgiFramework fw = start("itest.osgi.http.jetty", port)) {
            fw.registerGreeter("chat", Map.of(WebSocketWhiteboard.PATH, "/ws/chat",
                    WebSocketWhiteboard.HTTP_WHITEBOARD, true));
            EchoLoad rfc = new EchoLoad(ConnectRequest.RFC6455, awaitHandshake(ConnectRequest.RFC6455, port,
                    "/ws/chat", "chat"));
            EchoLoad hybi = new EchoLoad(ConnectRequest.HYBI00, awaitHandshake(ConnectRequest.HYBI00, port,
                    "/ws/chat", "chat"));
            Bundle hybi00 = fw.bundle(OsgiFramework.HYBI00);
            hybi00.stop();
            assertEquals(CloseCodes.NO_STATUS, hybi.awaitClosedByServer().code());
            rfc.assertRunning();
            hybi00.start();
            hybi = new EchoLoad(ConnectRequest.HYBI00, awaitHandshake(ConnectRequest.HYBI00, port, "/ws/chat",
                    "chat"));
            hybi.assertRunning();
            rfc.assertRunning();

            String name = WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER;
            Object config = fw.configure(WhiteboardConfiguration.SERVER_FACTORY_PID, name, Map.of(
                    WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN, new String[] {"/ws/*"},
                    ConnectionSettings.CLOSE_TIMEOUT.name(), 3000L, WhiteboardConfiguration.SHUTDOWN_TIMEOUT, 3000L));
            assertEquals(CloseCodes.GOING_AWAY, rfc.awaitClosedByServer().code());
            assertEquals(CloseCodes.NO_STATUS, hybi.awaitClosedByServer().code());
            String configured = name + " http-whiteboard " + WhiteboardConfiguration.SERVER_FACTORY_PID + "~" + name
                    + " /ws/chat";
            awaitServers(fw, List.of(configured));
            rfc = new EchoLoad(ConnectRequest.RFC6455, awaitHandshake(ConnectRequest.RFC6455, port, "/ws/chat",
                    "chat"));
            rfc.assertRunning();

            OsgiFramework.deleteConfiguration(config);
            assertEquals(CloseCodes.GOING_AWAY, rfc.awaitClosedByServer().code());
            awaitServers(fw, List.of(name + " http-whiteboard null /ws/chat"));
            rfc = new EchoLoad(ConnectRequest.RFC6455, awaitHandshake(ConnectRequest.RFC6455, port, "/ws/chat",
                    "chat"));
            rfc.assertRunning();
            assertTrue(rfc.finish() > 0);
        }
    }

    @Test
    void failsClearlyOnJetty12() throws Exception {
        int port = freePort();
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger("net.websocket.whiteboard.http");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    logged.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try (OsgiFramework fw = start("itest.osgi.http.jetty12", port)) {
            configure(fw);
            assertEquals("hello", get(port, "/hello"));
            // the servlet failed its init(): logged with the reason, and listed among the HTTP service's failed ones
            assertTrue(failedServlets(fw).contains("websocket:hw: " + DTOConstants.FAILURE_REASON_EXCEPTION_ON_INIT),
                    failedServlets(fw).toString());
            assertTrue(logged.stream().anyMatch(m -> m.contains("hw") && m.contains("jetty/12.0.")
                    && m.contains("HttpServletRequest#upgrade")), logged.toString());
            // a handshake is refused at once (the HTTP service has no servlet there), not left hanging
            long start = System.nanoTime();
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> Clients.connect(port, "/ws/e").close());
            assertEquals(404, e.status(), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "took too long: " + e);
        } finally {
            log.removeHandler(handler);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The failed servlet DTOs of the HTTP whiteboard, as "name: reason" (read through reflection). */
    private static List<String> failedServlets(OsgiFramework fw) throws Exception {
        ServiceReference<?> ref = fw.await("org.osgi.service.servlet.runtime.HttpServiceRuntime", null);
        Object runtime = fw.context().getService(ref);
        try {
            Object dto = OsgiFramework.call(runtime, "getRuntimeDTO");
            Object[] failed = (Object[]) dto.getClass().getField("failedServletDTOs").get(dto);
            List<String> out = new ArrayList<>();
            for (Object f : failed) {
                out.add(f.getClass().getField("name").get(f) + ": " + f.getClass().getField("failureReason").get(f));
            }
            return out;
        } finally {
            fw.context().ungetService(ref);
        }
    }

    /** The whiteboard's servers as "name address pid routes", read from its runtime service's DTO. */
    private static List<String> servers(OsgiFramework fw) throws Exception {
        ServiceReference<?> ref = fw.await("net.websocket.whiteboard.runtime.WebSocketServiceRuntime", null);
        Object runtime = fw.context().getService(ref);
        try {
            Object dto = OsgiFramework.call(runtime, "getRuntimeDTO");
            List<String> out = new ArrayList<>();
            for (Object s : (Object[]) dto.getClass().getField("servers").get(dto)) {
                out.add(s.getClass().getField("name").get(s) + " " + s.getClass().getField("address").get(s) + " "
                        + s.getClass().getField("pid").get(s) + " "
                        + String.join(",", (String[]) s.getClass().getField("routes").get(s)));
            }
            return out;
        } finally {
            fw.context().ungetService(ref);
        }
    }

    /** Waits until the whiteboard's servers are these (as {@link #servers}). */
    private static void awaitServers(OsgiFramework fw, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
        while (!servers(fw).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, servers(fw));
    }

    /** Connects the JDK's client to this path, retrying while the servlet is being published. */
    private static JdkPeerClient awaitJdk(int port, String path) throws Exception {
        long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
        while (true) {
            try {
                return JdkPeerClient.connect(OsgiFramework.uri(port, path));
            } catch (PeerClient.Refused e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Connects to {@code /ws/e} with this variant, retrying while the servlet is being published. */
    private static Connection awaitHandshake(String variant, int port) throws Exception {
        return awaitHandshake(variant, port, "/ws/e", "echo");
    }

    /** Connects to a greeter with this variant, retrying while the servlet is being published. */
    private static Connection awaitHandshake(String variant, int port, String path, String name) throws Exception {
        long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
        while (true) {
            try {
                Connection c = Clients.connectWith(variant, port, path);
                long t0 = System.nanoTime();
                String greeting = c.receiveText();
                assertEquals(name, greeting, () -> variant + " closed after "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms: " + c.closeStatus());
                return c;
            } catch (HandshakeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static String get(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection(Proxy.NO_PROXY);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        try (InputStream in = c.getInputStream()) {
            assertEquals(200, c.getResponseCode());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /**
     * A copy of a bundle jar without its requirements of the service loader mediator (SLF4J 2's API asks for one to
     * find a logging provider; without any it logs nothing, which these tests do not need), or the jar itself.
     */
    static Path withoutServiceLoaderRequirements(Path jar, Path dir) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest m = new Manifest(in.getManifest());
            Attributes a = m.getMainAttributes();
            String req = a.getValue("Require-Capability");
            if (req == null || !req.contains("osgi.serviceloader")) {
                return jar;
            }
            a.remove(new Attributes.Name("Require-Capability"));
            Path out = dir.resolve(jar.getFileName());
            try (OutputStream os = Files.newOutputStream(out); JarOutputStream jos = new JarOutputStream(os, m)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
                    jos.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(jos);
                    jos.closeEntry();
                }
            }
            return out;
        }
    }
}
