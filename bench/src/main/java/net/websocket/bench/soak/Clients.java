package net.websocket.bench.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.bench.load.Frames;
import net.websocket.deflate.PerMessageDeflate;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;

/**
 * The well-behaved clients of the soak, on this project's client: bystanders, each one connection for the whole run
 * sending numbered messages and checking every echo, and churners, which connect, exchange a few messages and close,
 * again and again. Half of them offer permessage-deflate.
 */
final class Clients {

    /** How long a well-behaved client waits for an echo before it counts the message lost. */
    static final Duration ECHO_TIMEOUT = Duration.ofSeconds(30);

    /** The pause between two messages of a bystander: a steady stream, not a load test. */
    static final long BYSTANDER_PAUSE_MILLIS = 20;

    /** The messages a churner exchanges on each connection. */
    static final int CHURN_MESSAGES = 3;

    private final InetSocketAddress server;
    private final Tally tally;
    private final BooleanSupplier stopping;
    private final WebSocketClient plain;
    private final WebSocketClient deflate;

    Clients(InetSocketAddress server, Tally tally, BooleanSupplier stopping) {
        this.server = server;
        this.tally = tally;
        this.stopping = stopping;
        this.plain = WebSockets.client(ClientOptions.builder().build());
        this.deflate = WebSockets.client(ClientOptions.builder().extensions(new PerMessageDeflate()).build());
    }

    URI uri(String path) {
        return URI.create("ws://" + server.getAddress().getHostAddress() + ":" + server.getPort() + path);
    }

    /** The {@code i}-th message of a client: text or binary, from a few bytes to 64 KiB. */
    static Message message(String who, long i) {
        int size = (int) ((i * 7919) % (i % 10 == 0 ? 64 * 1024 : 2048));
        if (i % 3 == 0) {
            byte[] b = Frames.binaryPayload(size + 8);
            ByteBuffer.wrap(b).putLong(i);
            return Message.binary(b);
        }
        StringBuilder s = new StringBuilder(size + 32).append(who).append(' ').append(i).append(' ');
        while (s.length() < size) {
            s.append((char) ('a' + s.length() % 26));
        }
        return Message.text(s.toString());
    }

    /** Sends one message and checks its echo; a wrong or missing echo is a violation. */
    private boolean exchange(Connection c, String who, long i) throws IOException {
        Message sent = message(who, i);
        c.send(sent);
        Message echo;
        try {
            echo = c.receive(ECHO_TIMEOUT);
        } catch (TimeoutException e) {
            tally.violation(who + ": no echo of message " + i + " in " + ECHO_TIMEOUT.toSeconds() + " s");
            return false;
        }
        if (echo == null) {
            tally.violation(who + ": the connection ended before the echo of message " + i + " ("
                    + c.closeStatus().map(Object::toString).orElse("no close status") + ")");
            return false;
        }
        if (echo.type() != sent.type() || !Arrays.equals(echo.bytes(), sent.bytes())) {
            tally.violation(who + ": the echo of message " + i + " differs from it");
            return false;
        }
        return true;
    }

    /**
     * A bystander: one connection for the whole run, a numbered message every {@link #BYSTANDER_PAUSE_MILLIS}, each
     * echo checked, then a normal close. Any failure is a violation: bystanders must lose nothing. Counts
     * {@code connected} down once connected (or failed to).
     */
    void bystander(int id, CountDownLatch connected) {
        String path = id % 2 == 0 ? "/echo" : "/blocking";
        boolean compressed = id % 4 >= 2;
        String who = "bystander " + id + " (" + path + (compressed ? ", deflate" : "") + ")";
        try (Connection c = connect(compressed, path, connected)) {
            long i = 0;
            while (!stopping.getAsBoolean()) {
                if (!exchange(c, who, i++)) {
                    return;
                }
                tally.add("bystander.echoes");
                Thread.sleep(BYSTANDER_PAUSE_MILLIS);
            }
        } catch (IOException e) {
            tally.violation(who + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection connect(boolean compressed, String path, CountDownLatch connected) throws IOException {
        try {
            return (compressed ? deflate : plain).connect(uri(path));
        } finally {
            connected.countDown();
        }
    }

    /**
     * A churner's round: connects, exchanges {@link #CHURN_MESSAGES} messages, closes. A refused connection (such as
     * a 503 while handshakes flood the server) is counted, not a violation; a wrong or missing echo on an accepted
     * connection is one.
     */
    void churn(SplittableRandom random) {
        String path = random.nextBoolean() ? "/echo" : "/blocking";
        boolean compressed = random.nextBoolean();
        String who = "churner (" + path + (compressed ? ", deflate" : "") + ")";
        Connection c;
        try {
            c = (compressed ? deflate : plain).connect(uri(path));
        } catch (IOException e) {
            tally.add("churn.refused");
            return;
        }
        try (c) {
            long first = random.nextInt(1000);
            for (long i = first; i < first + CHURN_MESSAGES; i++) {
                if (!exchange(c, who, i)) {
                    return;
                }
                tally.add("churn.echoes");
            }
            tally.add("churn.connections");
        } catch (IOException e) {
            tally.violation(who + ": " + e);
        }
    }

    /**
     * Whether the server takes a new client now: connects to both endpoints and checks an echo on each, retrying
     * refusals until {@code millis} have passed.
     */
    boolean acceptsNewClients(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        for (String path : new String[] {"/echo", "/blocking"}) {
            while (true) {
                try (Connection c = plain.connect(uri(path))) {
                    if (!exchange(c, "final client (" + path + ")", 1)) {
                        return false;
                    }
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > end) {
                        tally.violation("final client (" + path + "): " + e);
                        return false;
                    }
                    pause(200); // then try again: the server may still be refusing new handshakes
                }
            }
        }
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
