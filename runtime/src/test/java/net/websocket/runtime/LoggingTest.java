package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.WebSocketServer;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.nio.WebSockets;

/**
 * What the runtime logs, read through {@code java.util.logging} (the default backend of {@link System.Logger}): a
 * hostile peer's protocol errors log nothing above DEBUG ({@link Level#FINE}), and what is said of a connection
 * names it by its id, under the logger {@code net.websocket.connection}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoggingTest {

    /** Holds the parent logger strongly (java.util.logging keeps loggers weakly) while a test captures its records. */
    private final Logger parent = Logger.getLogger("net.websocket");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final java.util.logging.Handler capture = new java.util.logging.Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;
    /** The server connections opened, as a {@link ConnectionObserver} hears of them. */
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    private final ConnectionObserver observer = new ConnectionObserver() {
        @Override
        public void opened(Connection connection, ProtocolVariant variant) {
            opened.add(connection);
        }

        @Override
        public void closed(Connection connection) {
        }
    };

    @BeforeEach
    void capture() {
        levelBefore = parent.getLevel();
        parent.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        parent.addHandler(capture);
    }

    @AfterEach
    void release() {
        parent.removeHandler(capture);
        parent.setLevel(levelBefore);
    }

    private static String describe(List<LogRecord> rs) {
        return rs.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage())
                .collect(Collectors.joining("\n"));
    }

    /** Opens a raw connection, sends {@code bytes} after the handshake, and waits until the server closes it. */
    private Connection hostile(WebSocketServer s, byte[] bytes, int expectedClose) throws Exception {
        try (Socket raw = Raw.open(s.port())) {
            OutputStream out = raw.getOutputStream();
            out.write(Raw.upgrade("/").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = raw.getInputStream();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101"));
            Connection onServer = opened.stream()
                    .filter(c -> c.remoteAddress().getPort() == raw.getLocalPort()).findFirst().orElseThrow();
            out.write(bytes);
            Raw.Frame close = Raw.readFrame(in);
            assertEquals(8, close.opcode());
            assertEquals(expectedClose, close.closeCode());
            onServer.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return onServer;
        }
    }

    @Test
    void aHostilePeersProtocolErrorsLogNothingAboveDebugAndNameTheConnection() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().observer(observer).build(),
                TestSupport.ECHO)) {
            // an unmasked client frame, a reserved opcode, text that is not UTF-8, a frame over the size limit
            Connection unmasked = hostile(s, Raw.frame(0x81, "hi".getBytes(StandardCharsets.UTF_8), false),
                    CloseCodes.PROTOCOL_ERROR);
            Connection reserved = hostile(s, Raw.clientFrame(0x83, new byte[0]), CloseCodes.PROTOCOL_ERROR);
            Connection badText = hostile(s, Raw.clientFrame(0x81, new byte[] {(byte) 0xc3, 0x28}),
                    CloseCodes.INVALID_PAYLOAD);
            byte[] huge = {(byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4};
            Connection tooBig = hostile(s, huge, CloseCodes.MESSAGE_TOO_BIG);

            List<LogRecord> loud = records.stream().filter(r -> r.getLevel().intValue() > Level.FINE.intValue())
                    .toList();
            assertEquals(List.of(), loud, describe(loud));
            for (Connection c : List.of(unmasked, reserved, badText, tooBig)) {
                String prefix = "connection " + c.id() + " ";
                List<LogRecord> about = records.stream().filter(r -> r.getMessage() != null
                        && r.getMessage().startsWith(prefix)).toList();
                assertTrue(about.stream().anyMatch(r -> r.getMessage().contains("protocol error")
                        && r.getLoggerName().equals("net.websocket.connection")
                        && r.getLevel().intValue() <= Level.FINE.intValue()), describe(records));
            }
        }
    }

    @Test
    void aFailingHandlerIsAWarningThatNamesItsConnection() throws Exception {
        Handler failing = c -> {
            throw new IllegalStateException("the application's bug");
        };
        try (WebSocketServer s = TestSupport.serve(failing)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            assertEquals(CloseCodes.INTERNAL_ERROR, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS).code());
            LogRecord warning = records.stream().filter(r -> r.getLevel() == Level.WARNING).findFirst()
                    .orElseThrow(() -> new AssertionError(describe(records)));
            assertEquals("net.websocket.connection", warning.getLoggerName());
            assertTrue(warning.getMessage().matches("connection \\d+ \\(from /127\\.0\\.0\\.1:\\d+\\): handler failed"),
                    warning.getMessage());
            assertEquals("the application's bug", warning.getThrown().getMessage());
        }
    }
}
