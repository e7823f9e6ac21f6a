package net.websocket.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.examples.internal.Args;
import net.websocket.examples.internal.Cli;
import net.websocket.examples.internal.Tls;
import net.websocket.examples.internal.UsageException;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;

/**
 * An interactive client: {@code ./ws connect URL}.
 *
 * <p>Each line typed (read from stdin) is sent as a text message; each message received is printed to stdout as
 * {@code < text} (binary ones as {@code < [binary N bytes] hex...}). End of input (Ctrl-D) closes the connection
 * with 1000 and exits. When the server closes first, the close status is printed and the client exits. Output:
 * <pre>
 * connected to ws://127.0.0.1:8081/test-server (rfc6455, no subprotocol)
 * hello                     &lt;- typed
 * &lt; You said: hello
 * &lt; Waited another second
 * goodbye                   &lt;- typed
 * &lt; Goodbye!
 * closed: 1000 (normal closure) from peer
 * </pre>
 * Options: {@code --subprotocol P} (repeatable, offered in order), {@code --header "Name: value"} (repeatable),
 * {@code --variant hybi00} to speak the old draft protocol. For {@code wss://} the server's certificate is checked
 * against the JVM's trust store and the host name, unless {@code --trust-fingerprint SHA256} pins the one
 * certificate to accept (as {@code ws serve --tls} prints it; the host name is then not checked) or
 * {@code --insecure} accepts any certificate (encryption without authentication: for tests only).
 * {@code --proxy http://HOST:PORT} connects through that HTTP proxy (a CONNECT tunnel, for ws:// and wss://;
 * {@code http://USER:PASSWORD@HOST:PORT} answers its request for Basic authentication). Exit status 0 after a normal close, 1 when connecting
 * failed or the connection ended abnormally, 2 for a bad command line.
 *
 * <p>Public domain.
 */
public final class Client {
    /** How long to wait for the server to answer our close before dropping the connection. */
    static final long CLOSE_WAIT_SECONDS = 10;
    /** Binary messages are shown as hex up to this many bytes. */
    private static final int HEX_PREVIEW_BYTES = 64;

    private static final String USAGE = "usage: ws connect URL [--subprotocol P]... [--header \"Name: value\"]... "
            + "[--variant rfc6455|hybi00] [--trust-fingerprint SHA256 | --insecure] [--proxy http://HOST:PORT]";

    private Client() {
    }

    /**
     * Runs the client with the given streams until the connection ends.
     *
     * @param args the command-line arguments (without the command name)
     * @param in   standard input
     * @param out  standard output
     * @param err  standard error
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        URI uri;
        ConnectRequest request;
        WebSocketClient client;
        try {
            Args a = Args.parse(args, Set.of("subprotocol", "header", "variant", "trust-fingerprint", "proxy"),
                    Set.of("insecure"));
            uri = Cli.wsUri(a.single("URL"));
            request = request(a.all("subprotocol"), a.all("header"), a.get("variant", ConnectRequest.RFC6455));
            client = client(a.get("trust-fingerprint", null), a.has("insecure"), a.get("proxy", null), err);
        } catch (UsageException e) {
            err.println("ws connect: " + e.getMessage());
            err.println(USAGE);
            return Cli.EXIT_USAGE;
        }

        Connection c;
        try {
            c = client.connect(uri, request);
        } catch (IOException e) {
            err.println("ws connect: " + Cli.describeConnectFailure(uri, e));
            return Cli.EXIT_FAILURE;
        }
        out.println("connected to " + uri + " (" + c.variant() + ", "
                + c.subprotocol().map(p -> "subprotocol " + p).orElse("no subprotocol") + ")");
        out.flush();

        // stdin -> connection on a daemon thread: a blocked read of the terminal must not keep us alive once the
        // server has closed.
        Thread sender = new Thread(() -> sendLines(c, in, err), "ws-connect-stdin");
        sender.setDaemon(true);
        sender.start();

        // connection -> stdout here, until the connection ends (from either side).
        try {
            Message m;
            while ((m = c.receive()) != null) {
                out.println("< " + show(m));
                out.flush();
            }
        } catch (IOException e) {
            err.println("ws connect: " + e.getMessage());
        }
        CloseStatus status = awaitClosed(c);
        out.println("closed: " + status);
        out.flush();
        return status.isNormal() || status.code() == CloseCodes.NO_STATUS ? Cli.EXIT_OK : Cli.EXIT_FAILURE;
    }

    /**
     * The client for the TLS options (the default checks, a pinned fingerprint, or trust in any certificate) and the
     * proxy option ({@code null} for none; see {@link Cli#proxy}).
     */
    static WebSocketClient client(String fingerprint, boolean insecure, String proxy, PrintStream err)
            throws UsageException {
        if (fingerprint != null && insecure) {
            throw new UsageException("--trust-fingerprint and --insecure exclude each other");
        }
        ClientOptions.Builder options = Cli.proxy(ClientOptions.builder(), proxy);
        if (fingerprint != null) {
            options.sslContext(Tls.pinned(Tls.parseFingerprint(fingerprint))).hostnameVerification(false);
        } else if (insecure) {
            err.println("ws connect: --insecure: the server's certificate is not checked");
            options.sslContext(Tls.insecure()).hostnameVerification(false);
        }
        return WebSockets.client(options.build());
    }

    /** Builds the connect request from the options. */
    static ConnectRequest request(List<String> subprotocols, List<String> headers, String variant)
            throws UsageException {
        ConnectRequest.Builder b = ConnectRequest.builder().subprotocols(subprotocols).variant(variant);
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--header needs \"Name: value\", not: " + h);
            }
            try {
                b.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad header: " + e.getMessage());
            }
        }
        return b.build();
    }

    private static void sendLines(Connection c, InputStream in, PrintStream err) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                c.sendText(line);
            }
        } catch (ConnectionClosedException closed) {
            return; // the server closed while we were typing; the receiving side reports it
        } catch (IOException e) {
            err.println("ws connect: " + e.getMessage());
        }
        c.close(CloseCodes.NORMAL, "");
    }

    /** Waits for the closing handshake to finish, dropping the connection if the peer never answers. */
    static CloseStatus awaitClosed(Connection c) {
        try {
            return c.closed().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            c.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.abort();
        } catch (ExecutionException e) {
            // closed() never fails; fall through to whatever status there is
        }
        return c.closeStatus().orElse(new CloseStatus(CloseCodes.ABNORMAL, "", false));
    }

    /** A message for display: text as is, binary as its length and a hex preview. */
    static String show(Message m) {
        if (m.isText()) {
            return m.text();
        }
        byte[] bytes = m.bytes();
        int n = Math.min(bytes.length, HEX_PREVIEW_BYTES);
        return "[binary " + bytes.length + " bytes] " + HexFormat.of().formatHex(bytes, 0, n)
                + (n < bytes.length ? "..." : "");
    }

    /**
     * Runs it from the command line and exits with its status.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }
}
