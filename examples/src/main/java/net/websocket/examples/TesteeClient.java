package net.websocket.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.examples.internal.Args;
import net.websocket.examples.internal.Cli;
import net.websocket.examples.internal.UsageException;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;

/**
 * The client side of a conformance run: the testee for the Autobahn test suite's fuzzing server
 * ({@code wstest -m fuzzingserver}).
 *
 * <ol>
 * <li>{@code BASE/getCaseCount}: the server sends the number of cases as one text message.</li>
 * <li>For each case {@code i}: {@code BASE/runCase?case=i&agent=NAME}, echoing every message back (text as text,
 * binary as binary, with {@link EchoListener}) until the server closes.</li>
 * <li>{@code BASE/updateReports?agent=NAME}: the server writes its reports and closes.</li>
 * </ol>
 * Run with {@code ./ws testee-client --url ws://127.0.0.1:9001 --agent net.websocket}; it prints one line per case
 * and the report location is whatever the fuzzing server's spec names.
 *
 * <p>Public domain.
 */
public final class TesteeClient {
    /** The fuzzing server's usual address. */
    public static final String DEFAULT_URL = "ws://127.0.0.1:9001";
    /** The agent name the reports are filed under by default. */
    public static final String DEFAULT_AGENT = "net.websocket";
    /**
     * The longest one case may take before it is abandoned: the slowest Autobahn cases (9.x, up to 16 MiB
     * messages in small frames) take seconds, so this is generous.
     */
    static final Duration CASE_TIMEOUT = Duration.ofMinutes(2);
    /**
     * The largest frame and message accepted: 16 MiB, since the suite's largest cases (9.1.6, 9.2.6) send 16 MiB
     * messages. The runtime's default of 1 MiB would fail them with 1009.
     */
    public static final long MAX_MESSAGE_SIZE = 16L << 20;
    /** The client settings for conformance runs: the defaults with {@link #MAX_MESSAGE_SIZE}. */
    static final ClientOptions OPTIONS = ClientOptions.builder()
            .maxFrameSize(MAX_MESSAGE_SIZE)
            .maxMessageSize(MAX_MESSAGE_SIZE)
            .build();

    private static final String USAGE = "usage: ws testee-client --url BASE --agent NAME   (default " + DEFAULT_URL
            + ", " + DEFAULT_AGENT + ")";

    private TesteeClient() {
    }

    /**
     * Runs every case the fuzzing server at {@code baseUrl} has, then asks it to update its reports.
     *
     * @param baseUrl the fuzzing server, e.g. {@code ws://127.0.0.1:9001}
     * @param agent   the name the reports give this client
     * @throws IOException          if a connection to the server fails
     * @throws InterruptedException if interrupted while waiting for a case
     */
    public static void run(String baseUrl, String agent) throws IOException, InterruptedException {
        run(baseUrl, agent, null);
    }

    /**
     * As {@link #run(String, String)}, printing a line per case to {@code progress} (if not {@code null}).
     *
     * @param baseUrl  the fuzzing server, e.g. {@code ws://127.0.0.1:9001}
     * @param agent    the name the reports give this client
     * @param progress where a line per case goes, or {@code null}
     * @throws IOException          if a connection to the server fails
     * @throws InterruptedException if interrupted while waiting for a case
     */
    public static void run(String baseUrl, String agent, PrintStream progress)
            throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        // percent-encoded, with spaces as %20 (not "+") so any query parser reads the name back unchanged
        String agentParam = URLEncoder.encode(agent, StandardCharsets.UTF_8).replace("+", "%20");
        WebSocketClient client = WebSockets.client(OPTIONS);
        int count = caseCount(client, URI.create(base + "/getCaseCount"));
        if (progress != null) {
            progress.println("Running " + count + " cases against " + base + " as " + agent);
        }
        for (int i = 1; i <= count; i++) {
            String status = runCase(client, URI.create(base + "/runCase?case=" + i + "&agent=" + agentParam));
            if (progress != null) {
                progress.println("case " + i + "/" + count + ": " + status);
            }
        }
        awaitClose(client.connect(URI.create(base + "/updateReports?agent=" + agentParam)));
        if (progress != null) {
            progress.println("Reports updated.");
        }
    }

    /** Asks for the number of cases. */
    static int caseCount(WebSocketClient client, URI uri) throws IOException, InterruptedException {
        Connection c = client.connect(uri);
        try {
            Message m = c.receive();
            if (m == null) {
                throw new IOException("the server closed without sending the case count");
            }
            try {
                return Integer.parseInt(m.text().trim());
            } catch (NumberFormatException e) {
                throw new IOException("not a case count: " + m.text(), e);
            }
        } finally {
            c.close();
            awaitClose(c);
        }
    }

    /** Runs one case: echo everything until the server closes; returns how it closed. */
    static String runCase(WebSocketClient client, URI uri) throws InterruptedException {
        Connection c;
        try {
            c = client.connect(uri, ConnectRequest.builder().listener(new EchoListener()).build());
        } catch (IOException e) {
            // Some cases are about refusing the handshake; the server records that, so just go on.
            return "not connected: " + e.getMessage();
        }
        return awaitClose(c);
    }

    private static String awaitClose(Connection c) throws InterruptedException {
        try {
            return c.closed().toCompletableFuture().get(CASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).toString();
        } catch (TimeoutException e) {
            c.abort();
            return "timed out, aborted";
        } catch (ExecutionException e) {
            return "failed: " + e.getCause();
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String url;
        String agent;
        try {
            Args a = Args.parse(args, Set.of("url", "agent"), Set.of());
            a.noPositionals();
            url = a.get("url", DEFAULT_URL);
            agent = a.get("agent", DEFAULT_AGENT);
            Cli.wsUri(url);
        } catch (UsageException e) {
            err.println("ws testee-client: " + e.getMessage());
            err.println(USAGE);
            return Cli.EXIT_USAGE;
        }
        try {
            run(url, agent, out);
            return Cli.EXIT_OK;
        } catch (IOException e) {
            err.println("ws testee-client: " + e.getMessage());
            return Cli.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.EXIT_FAILURE;
        }
    }

    /**
     * Runs it from the command line and exits with its status.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
