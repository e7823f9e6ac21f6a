package net.websocket.bench.servers;

import java.util.concurrent.CountDownLatch;

/**
 * What every echo server's {@code main} shares: the command line (one argument, the port; 0 picks a free one), the
 * limits, and the line that tells the benchmark driver the server is ready. Servers listen on 127.0.0.1 only and run
 * until their JVM is told to stop (SIGTERM).
 */
final class ServerMain {

    /** The loopback address every server binds to. */
    static final String HOST = "127.0.0.1";

    /**
     * The largest frame and message every server accepts: above the 1 MiB echo of the throughput scenario, so that
     * no server's smaller default (Netty's 64 KiB frames) refuses it.
     */
    static final int MAX_MESSAGE = 16 << 20;

    /** The idle timeout every server gets, long enough for the idle-connection scenario (as our default). */
    static final int IDLE_TIMEOUT_SECONDS = 300;

    /** The prefix of the line printed when the server accepts connections; the port follows. */
    static final String READY = "READY ";

    /**
     * Scenario (f) starts servers with {@code -Dbench.deflate=true}: permessage-deflate with each server's default
     * settings (context takeover, 15-bit windows, zlib's default level). Without it ours and Netty's have no
     * extensions, so the other scenarios measure what they always did; Jetty offers permessage-deflate either way,
     * but no other scenario asks for it.
     */
    static boolean deflate() {
        return Boolean.getBoolean("bench.deflate");
    }

    /**
     * Scenario (j) starts servers with {@code -Dbench.broadcast=true}: then every text message a connection to
     * {@link #FAN_CONTROL} sends goes to every connection to {@link #FAN_READERS}, through the server's own
     * broadcast (ours: {@code WebSocketServer.broadcast}; Netty: {@code ChannelGroup.writeAndFlush}).
     */
    static boolean broadcast() {
        return Boolean.getBoolean("bench.broadcast");
    }

    /** Scenario (j): the path of the readers. */
    static final String FAN_READERS = "/fan";

    /** Scenario (j): the path of the connection whose messages are broadcast. */
    static final String FAN_CONTROL = "/fan-control";

    /**
     * The keepalive ping interval in seconds ({@code -Dbench.pingSeconds=N}, for the million-connection scenario): a
     * ping after N seconds without input. Unset (0), ours keeps its default and Netty sends no pings.
     */
    static int pingSeconds() {
        return Integer.getInteger("bench.pingSeconds", 0);
    }

    /**
     * The most connections a server with such a limit takes ({@code -Dbench.maxConnections=N}, for the
     * million-connection scenario), or {@code fallback} when unset.
     */
    static int maxConnections(int fallback) {
        return Integer.getInteger("bench.maxConnections", fallback);
    }

    private ServerMain() {
    }

    static int port(String[] args) {
        return args.length == 0 ? 0 : Integer.parseInt(args[0]);
    }

    /** Announces the port and blocks until the JVM exits. */
    static void readyAndWait(String name, int port) throws InterruptedException {
        System.out.println(READY + port + " " + name);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
