package net.websocket.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The testee client against a small stand-in for the Autobahn fuzzing server: the same three URLs, cases that send
 * text, binary, empty and fragmented messages and check that each comes back unchanged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TesteeClientTest {
    private static final int CASES = 4;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Map<Integer, String> results = new ConcurrentHashMap<>();
    private final List<String> agents = new CopyOnWriteArrayList<>();

    @Test
    void runsEveryCaseEchoingAndUpdatesReports() throws Exception {
        ServiceMapper fuzzingServer = ServiceMapper.builder()
                .route("/getCaseCount", ServiceMapper.none(c -> c.sendText(Integer.toString(CASES))))
                .route("/runCase", ServiceMapper.none(this::runCase))
                .route("/updateReports", ServiceMapper.none(c -> agents.add(param(c, "agent"))))
                .build();
        ServerOptions options = ServerOptions.builder().listen("127.0.0.1", 0)
                .maxFrameSize(4L << 20).maxMessageSize(4L << 20).build();
        try (WebSocketServer server = WebSockets.serve(options, fuzzingServer)) {
            TesteeClient.run("ws://127.0.0.1:" + server.port(), "net.websocket test agent");
        }
        for (int i = 1; i <= CASES; i++) {
            assertEquals("ok", results.get(i), "case " + i);
        }
        assertEquals(List.of("net.websocket%20test%20agent"), agents);
    }

    /** One case: send a few messages of the case's kind and check each echo. */
    private void runCase(Connection c) throws Exception {
        int n = Integer.parseInt(param(c, "case"));
        assertEquals("net.websocket%20test%20agent", param(c, "agent"));
        try {
            switch (n) {
                case 1 -> {
                    c.sendText("Hello, testee ✓");
                    assertEquals(Message.text("Hello, testee ✓"), c.receive(WAIT));
                    c.sendText("");
                    assertEquals(Message.text(""), c.receive(WAIT));
                }
                case 2 -> {
                    byte[] data = new byte[70_000];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (byte) (i % 251);
                    }
                    c.sendBinary(data);
                    Message m = c.receive(WAIT);
                    assertTrue(m.isBinary());
                    assertArrayEquals(data, m.bytes());
                }
                case 3 -> {
                    c.openTextWriter().append("frag").append("mented").close();
                    try (var out = c.openBinaryStream()) {
                        out.write(new byte[] {1, 2});
                        out.flush();
                        out.write(new byte[] {3});
                    }
                    assertEquals(Message.text("fragmented"), c.receive(WAIT));
                    assertArrayEquals(new byte[] {1, 2, 3}, c.receive(WAIT).bytes());
                }
                default -> {
                    byte[] big = "x".repeat(2 << 20).getBytes(StandardCharsets.US_ASCII);
                    c.sendText(new String(big, StandardCharsets.US_ASCII));
                    assertEquals(big.length, c.receive(WAIT).length());
                }
            }
            results.put(n, "ok");
        } catch (Throwable t) {
            results.put(n, t.toString());
        }
    }

    private static String param(Connection c, String name) {
        for (String pair : c.query().orElse("").split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }
}
