package net.websocket.bench.containers;

import java.util.concurrent.CountDownLatch;

/**
 * What every server of this module shares with the bench module's servers (its {@code ServerMain}; this module
 * runs on class paths of its own and so cannot use that class): the command line (one argument, the port; 0 picks a
 * free one), the limits, and the line that tells the benchmark driver the server is ready. Servers listen on
 * 127.0.0.1 only and run until their JVM is told to stop (SIGTERM).
 */
final class ServerMain {

    /** The loopback address every bench server binds to (as {@code ServerMain.HOST}). */
    static final String HOST = "127.0.0.1";

    /** The largest frame and message our servers accept (as {@code ServerMain.MAX_MESSAGE}): 16 MiB. */
    static final int MAX_MESSAGE = 16 << 20;

    /** The idle timeout every server gets (as {@code ServerMain.IDLE_TIMEOUT_SECONDS}). */
    static final int IDLE_TIMEOUT_SECONDS = 300;

    /** The backlog of every container's listening socket, as the bench module's Jetty server's accept queue. */
    static final int ACCEPT_QUEUE = 1024;

    /** The most connections a container takes: above the 10,000 idle ones of scenario (e). */
    static final int MAX_CONNECTIONS = 20_000;

    /** The request path of the echo of the servers that run our WebSocketServlet and Tomcat's own echo. */
    static final String ECHO_PATH = "/echo";

    /** The prefix of the line printed when the server accepts connections (as {@code ServerMain.READY}). */
    static final String READY = "READY ";

    private ServerMain() {
    }

    /**
     * Whether the server was started for scenario (f) ({@code -Dbench.deflate=true}): then our servers offer
     * permessage-deflate, as the bench module's ours does; the containers' own WebSocket servers negotiate it by
     * default.
     */
    static boolean deflate() {
        return Boolean.getBoolean("bench.deflate");
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
