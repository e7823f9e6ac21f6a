package net.websocket.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.examples.internal.Args;
import net.websocket.examples.internal.Cli;
import net.websocket.examples.internal.UsageException;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;

/**
 * A pass-through pipe: {@code ./ws cat URL}.
 *
 * <p>Every line of stdin is sent as a text message (without its line end); with {@code --binary}, stdin is sent as
 * raw bytes instead, each chunk read (up to 64 KiB) as one binary message. Received text messages are written to
 * stdout followed by a newline, received binary messages are written as their raw bytes. Nothing else goes to
 * stdout, so it composes with other programs:
 * <pre>
 * $ printf 'one\ntwo\n' | ./ws cat ws://127.0.0.1:8081/echo
 * one
 * two
 * </pre>
 * At the end of stdin the connection is closed with 1000; the program exits once the closing handshake is done
 * (messages the server sends before its close frame are still written). If the server closes first, the program
 * exits at once. {@code --proxy http://HOST:PORT} connects through that HTTP proxy, as {@code ws connect} does.
 * Diagnostics go to stderr. Exit status 0 after a normal close, 1 on failure, 2 for a bad command
 * line.
 *
 * <p>Public domain.
 */
public final class Cat {
    /** The largest binary message made from stdin in {@code --binary} mode. */
    static final int CHUNK_SIZE = 64 * 1024;

    private static final String USAGE = "usage: ws cat URL [--binary] [--proxy http://HOST:PORT]";

    private Cat() {
    }

    /**
     * Runs the pipe with the given streams until the connection ends.
     *
     * @param args the command-line arguments (without the command name)
     * @param in   standard input
     * @param out  standard output
     * @param err  standard error
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        URI uri;
        boolean binary;
        WebSocketClient client;
        try {
            Args a = Args.parse(args, Set.of("proxy"), Set.of("binary"));
            uri = Cli.wsUri(a.single("URL"));
            binary = a.has("binary");
            client = WebSockets.client(Cli.proxy(ClientOptions.builder(), a.get("proxy", null)).build());
        } catch (UsageException e) {
            err.println("ws cat: " + e.getMessage());
            err.println(USAGE);
            return Cli.EXIT_USAGE;
        }
        Connection c;
        try {
            c = client.connect(uri);
        } catch (IOException e) {
            err.println("ws cat: " + Cli.describeConnectFailure(uri, e));
            return Cli.EXIT_FAILURE;
        }

        Thread pump = new Thread(() -> pump(c, in, binary, err), "ws-cat-stdin");
        pump.setDaemon(true); // a blocked read of stdin must not outlive the connection
        pump.start();

        try {
            Message m;
            while ((m = c.receive()) != null) {
                write(m, out);
            }
        } catch (IOException e) {
            err.println("ws cat: " + e.getMessage());
        }
        CloseStatus status = Client.awaitClosed(c);
        if (!status.isNormal()) {
            err.println("ws cat: connection closed: " + status);
        }
        return status.isNormal() || status.code() == CloseCodes.NO_STATUS ? Cli.EXIT_OK : Cli.EXIT_FAILURE;
    }

    private static void write(Message m, PrintStream out) {
        if (m.isText()) {
            out.print(m.text());
            out.print('\n');
        } else {
            byte[] bytes = m.bytes();
            out.write(bytes, 0, bytes.length);
        }
        out.flush();
    }

    private static void pump(Connection c, InputStream in, boolean binary, PrintStream err) {
        try {
            if (binary) {
                byte[] buf = new byte[CHUNK_SIZE];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        c.sendBinary(Arrays.copyOf(buf, n));
                    }
                }
            } else {
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = lines.readLine()) != null) {
                    c.sendText(line);
                }
            }
        } catch (ConnectionClosedException closed) {
            return;
        } catch (IOException e) {
            err.println("ws cat: reading stdin: " + e.getMessage());
        }
        c.close(CloseCodes.NORMAL, "");
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
