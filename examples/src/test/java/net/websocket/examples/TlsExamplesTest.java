package net.websocket.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.WebSocketServer;
import net.websocket.examples.internal.Tls;
import net.websocket.examples.internal.UsageException;

/** {@code ws serve --tls}'s certificate and {@code ws connect} with {@code --trust-fingerprint} or {@code --insecure}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsExamplesTest {

    static Tls.SelfSigned cert;
    static WebSocketServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        cert = Tls.selfSigned("127.0.0.1");
        server = ExampleServer.start("127.0.0.1", 0, cert.context());
        base = "wss://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs {@code ws} with this stdin; returns exit status, stdout and stderr. */
    private static String[] ws(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void fingerprintIsSha256OfTheCertificate() throws Exception {
        assertTrue(cert.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), cert.fingerprint());
        assertEquals(32, Tls.parseFingerprint(cert.fingerprint()).length);
        assertEquals(32, Tls.parseFingerprint(cert.fingerprint().replace(":", "").toLowerCase()).length);
        assertThrows(UsageException.class, () -> Tls.parseFingerprint("AB:CD"));
        assertThrows(UsageException.class, () -> Tls.parseFingerprint("zz".repeat(32)));
        String san = cert.certificate().getSubjectAlternativeNames().toString();
        assertTrue(san.contains("127.0.0.1") && san.contains("localhost"), san);
    }

    @Test
    void connectWithThePrintedFingerprint() {
        String[] r = ws("hello\ngoodbye\n", "connect", "--trust-fingerprint", cert.fingerprint(),
                base + "/test-server");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("connected to " + base + "/test-server (rfc6455"), r[1]);
        assertTrue(r[1].contains("< You said: hello"), r[1]);
        assertTrue(r[1].contains("< Goodbye!"), r[1]);
        assertTrue(r[1].contains("closed: 1000"), r[1]);
    }

    @Test
    void anotherFingerprintIsRefused() {
        String other = cert.fingerprint().startsWith("00") ? "11" + cert.fingerprint().substring(2)
                : "00" + cert.fingerprint().substring(2);
        String[] r = ws("", "connect", "--trust-fingerprint", other, base + "/echo");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("TLS handshake"), r[2]);
    }

    @Test
    void insecureConnectsWithAWarning() {
        String[] r = ws("hi\n", "connect", "--insecure", base + "/echo");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("< hi"), r[1]);
        assertTrue(r[2].contains("not checked"), r[2]);
    }

    @Test
    void withoutTrustTheSelfSignedServerIsRefused() {
        String[] r = ws("", "connect", base + "/echo");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("TLS handshake"), r[2]);
    }

    @Test
    void pinningAndInsecureExcludeEachOther() {
        String[] r = ws("", "connect", "--insecure", "--trust-fingerprint", cert.fingerprint(), base + "/echo");
        assertEquals("2", r[0]);
    }
}
