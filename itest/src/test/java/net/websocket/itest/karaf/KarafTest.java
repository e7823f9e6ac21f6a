package net.websocket.itest.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.websocket.itest.support.RedisServer;
import net.websocket.testsupport.JdkWebSocketRecorder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's Karaf path, end to end, in a stock Karaf (the minimal distribution, unpacked by the build): add the
 * feature repository, install the features, configure a server named by its alias with {@code config:edit}, echo
 * through it, read the {@code ws:} commands, rename it, uninstall the examples (the default server goes, the named server
 * stays, without endpoints), uninstall the rest (every server stops, the named server's configuration stays).
 * Karaf finds our bundles, and the few of its own that the minimal distribution lacks (those of its {@code scr}
 * feature, which the distribution module's {@code karaf-maven-plugin:verify} of the same Karaf version puts there),
 * in the build's local Maven repository and nowhere else; its SSH console, which the test drives with {@code bin/client}, listens on
 * 127.0.0.1 only. Then, in the same Karaf, the feature {@code net.websocket-cluster} with a configuration naming a
 * redis-server the test starts (with a password): a message on {@code /topic/x} reaches a subscriber through Redis,
 * and no service shows the password.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafTest {

    private static final String VERSION = System.getProperty("itest.project.version", "1.0.0-SNAPSHOT");
    private static final String KARAF_VERSION = System.getProperty("itest.karaf.version", "4.4.8");
    private static final Duration KARAF_START = Duration.ofSeconds(180);

    private static Karaf karaf;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path repo = Path.of(System.getProperty("itest.maven.repo.local"));
        Path features = repo.resolve("net/websocket/net.websocket.distribution/" + VERSION
                + "/net.websocket.distribution-" + VERSION + "-features.xml");
        assertTrue(Files.isRegularFile(features), features + " is missing: the Karaf test reads the features and "
                + "bundles that mvn install puts in the local repository");
        Path scr = repo.resolve("org/apache/karaf/scr/org.apache.karaf.scr.state/" + KARAF_VERSION);
        assertTrue(Files.isDirectory(scr), scr + " is missing: the distribution module's karaf-maven-plugin:verify "
                + "puts the bundles of Karaf's scr feature there; build it with the same Karaf version");
        karaf = Karaf.start(Path.of(System.getProperty("itest.karaf.home")),
                Path.of(System.getProperty("itest.karaf.run")), repo);
    }

    @AfterAll
    static void stop() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    @Order(1)
    void theReadmesKarafPath() throws Exception {
        String installed = karaf.runOnceReady(KARAF_START,
                "feature:repo-add mvn:net.websocket/net.websocket.distribution/" + VERSION + "/xml/features",
                "feature:install net.websocket",
                "feature:install net.websocket-examples",
                "bundle:list");
        for (String b : new String[] {"api", "runtime", "whiteboard", "rfc6455", "hybi00", "deflate", "examples",
            "distribution"}) {
            assertTrue(Pattern.compile("(?m)\\| Active\\s+\\|.*\\| net\\.websocket\\." + b + "$").matcher(installed)
                    .find(), "net.websocket." + b + " not active:\n" + installed);
        }

        String servers = karaf.awaitOutput(List.of("config:edit --factory --alias chat net.websocket.server",
                "config:property-set host 127.0.0.1",
                "config:property-set port 0",
                "config:update"), "echo (ws:servers)",
                s -> row(s, "chat", "running") != null && row(s, "default", "running") != null);
        int chat = port(row(servers, "chat", "running"));
        int dflt = port(row(servers, "default", "running"));
        assertTrue(Files.isRegularFile(karaf.home().resolve("etc/net.websocket.server-chat.cfg")));

        JdkWebSocketRecorder m = recorder().connect(HTTP.newWebSocketBuilder(),
                URI.create("ws://127.0.0.1:" + chat + "/echo"));
        WebSocket ws = m.socket();
        ws.sendText("hello, Karaf", true).get(30, TimeUnit.SECONDS);
        assertEquals("hello, Karaf", m.nextText());
        String shown = karaf.run("echo (ws:connections)", "echo (ws:handlers)");
        assertTrue(Pattern.compile("(?m)^\\d+\\s+chat\\s+.*/echo").matcher(shown).find(), shown);
        assertTrue(shown.contains("/test-server"), shown);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);
        assertEquals("echo", echo(dflt, "echo"));

        // changed as the README says, through the file's name; a name key overrides the alias
        servers = karaf.awaitOutput(List.of(
                "config:edit \"(felix.fileinstall.filename=*net.websocket.server-chat.cfg)\"",
                "config:property-set name lobby",
                "config:update"), "echo (ws:servers)", s -> row(s, "lobby", "running") != null);
        assertEquals(null, row(servers, "chat", ""), servers);
        int lobby = port(row(servers, "lobby", "running"));
        assertEquals("again", echo(lobby, "again"));

        // the examples go, and with them the default server; the server the user configured stays, without endpoints
        servers = karaf.awaitOutput(List.of("feature:uninstall net.websocket-examples"), "echo (ws:servers)",
                s -> row(s, "default", "") == null);
        assertNotNull(row(servers, "lobby", "running"), servers);
        assertFalse(servers.contains("/echo"), servers);
        int left = port(row(servers, "lobby", "running")); // port 0: a new one if Karaf refreshed the whiteboard
        ExecutionException e = assertThrows(ExecutionException.class, () -> echo(left, "x"));
        assertEquals(404, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        e = assertThrows(ExecutionException.class, () -> echo(dflt, "x"));
        assertTrue(e.getCause() instanceof ConnectException, e.toString());

        // uninstalling the rest stops every server; the named server's configuration stays for the next install
        String configs = karaf.run("feature:uninstall net.websocket",
                "config:list \"(service.factoryPid=net.websocket.server)\"");
        e = assertThrows(ExecutionException.class, () -> echo(left, "x"));
        assertTrue(e.getCause() instanceof ConnectException, e.toString());
        assertTrue(configs.contains("net.websocket.server-chat.cfg"), configs);
        assertFalse(configs.contains("net.websocket.server~default"), configs);
    }

    /**
     * The cluster feature with the examples, configured for a redis-server that asks for a password (given as the
     * configuration's private property {@code .password}): a message published on {@code /topic/x} reaches a
     * subscriber of {@code /topic/x} through Redis, and neither the services nor the {@code ws:} commands show the
     * password. Runs after {@link #theReadmesKarafPath()}, which uninstalls what it installed.
     */
    @Test
    @Order(2)
    void theClusterFeatureDeliversATopicThroughRedis() throws Exception {
        Optional<Path> redisServer = RedisServer.executable();
        Assumptions.assumeTrue(redisServer.isPresent(),
                "redis-server is not installed (scripts/install-peers installs it): skipped");
        String secret = "karaf-redis-" + Long.toHexString(System.nanoTime());
        try (RedisServer redis = RedisServer.start(karaf.home().resolve("redis"), secret)) {
            karaf.runOnceReady(KARAF_START,
                    "feature:repo-add mvn:net.websocket/net.websocket.distribution/" + VERSION + "/xml/features",
                    // the cluster before the examples, whose bundle imports the cluster's package optionally
                    "feature:install net.websocket-cluster",
                    "feature:install net.websocket-examples");
            String handlers = karaf.awaitOutput(List.of("config:edit net.websocket.cluster",
                    "config:property-set broker redis://127.0.0.1:" + redis.port(),
                    "config:property-set .password " + secret,
                    "config:update"), "echo (ws:handlers)", s -> s.contains("/topic/"));
            String servers = karaf.awaitOutput(List.of(), "echo (ws:servers)",
                    s -> row(s, "default", "running") != null);
            int port = port(row(servers, "default", "running"));

            URI topic = URI.create("ws://127.0.0.1:" + port + "/topic/x");
            JdkWebSocketRecorder subscriber = recorder().connect(HTTP.newWebSocketBuilder(), topic);
            JdkWebSocketRecorder publisher = recorder().connect(HTTP.newWebSocketBuilder(), topic);
            WebSocket sub = subscriber.socket();
            WebSocket pub = publisher.socket();
            // pub/sub loses what is published before the node's subscription to Redis is up: publish until one
            // arrives (at most 40 times, 500 ms each), then the message itself
            String ready = null;
            for (int i = 0; i < 40 && ready == null; i++) {
                pub.sendText("ready " + i, true).get(30, TimeUnit.SECONDS);
                ready = (String) subscriber.nextWithin(Duration.ofMillis(500));
            }
            assertNotNull(ready, "no message on /topic/x reached its subscriber through Redis");
            pub.sendText("hello through Redis", true).get(30, TimeUnit.SECONDS);
            String received;
            do {
                received = subscriber.nextText(); // 'hello through Redis' must come within 30 s
            } while (received.startsWith("ready "));
            assertEquals("hello through Redis", received);
            sub.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);
            pub.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);

            // every bundle's services with their properties (the minimal Karaf has no service:list)
            String shown = karaf.run("bundle:services -p", "echo (ws:handlers)", "echo (ws:servers)",
                    "echo (ws:connections)");
            assertTrue(shown.contains("net.websocket.cluster.Topics"), shown);
            assertTrue(shown.contains("redis://127.0.0.1:" + redis.port()), shown); // the broker, without it
            assertFalse(shown.contains(secret) || handlers.contains(secret), "the broker's password is shown:\n"
                    + shown);
        } finally {
            karaf.run("config:delete net.websocket.cluster", "feature:uninstall net.websocket-examples",
                    "feature:uninstall net.websocket-cluster");
        }
    }

    /** The line of table {@code s} whose first column is {@code name} and which contains {@code state}. */
    private static String row(String s, String name, String state) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+.*$").matcher(s);
        while (m.find()) {
            if (m.group().contains(state)) {
                return m.group();
            }
        }
        return null;
    }

    /** The port of a {@code ws:servers} row. */
    private static int port(String row) {
        Matcher m = Pattern.compile("ws://127\\.0\\.0\\.1:(\\d+)").matcher(row);
        assertTrue(m.find(), row);
        return Integer.parseInt(m.group(1));
    }

    /** Sends one text message to {@code /echo} on {@code port} and answers the reply. */
    private static String echo(int port, String text) throws Exception {
        JdkWebSocketRecorder m = recorder().connect(HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)),
                URI.create("ws://127.0.0.1:" + port + "/echo"));
        WebSocket ws = m.socket();
        try {
            ws.sendText(text, true).get(30, TimeUnit.SECONDS);
            return m.nextText();
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);
        }
    }

    /** {@return a recorder of what the JDK client receives, each wait at most 30 s} */
    private static JdkWebSocketRecorder recorder() {
        return new JdkWebSocketRecorder(Duration.ofSeconds(30));
    }
}
