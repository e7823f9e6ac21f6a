package net.websocket.bench.servers;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;

import net.websocket.api.WebSocketServer;
import net.websocket.bench.load.EchoLoad;
import net.websocket.bench.load.Frames;
import net.websocket.bench.load.HandshakeRate;
import net.websocket.bench.load.Target;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/**
 * Bytes our server allocates per echoed message, a figure that does not depend on how busy the machine is: our echo
 * server ({@link OursEchoServer.Echo}, same options) and the load generator in one JVM, the heap bytes allocated by
 * the runtime's threads (named {@code ws-...}) counted through {@code com.sun.management.ThreadMXBean} over a
 * measured stretch after a warm-up, divided by the messages echoed in it; and those threads' CPU time per message
 * (which, unlike the bytes, a busy machine can disturb through caches and contention).
 *
 * <p>Usage: {@code AllocationProbe a|c|d [seconds]}: (a) 64 connections with 16 messages of 32 bytes of text in flight
 * on each, (c) 4 connections with one 1 MiB binary message in flight on each; (d) whole connections (opening
 * handshake, closing handshake, the server closing) from {@link HandshakeRate}'s 4 client threads, the figures then
 * per connection.
 */
public final class AllocationProbe {

    private AllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean big = args.length > 0 && args[0].equals("c");
        boolean connections = args.length > 0 && args[0].equals("d");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        ServerOptions options = ServerOptions.builder()
                .listen(ServerMain.HOST, 0)
                .maxFrameSize(ServerMain.MAX_MESSAGE)
                .maxMessageSize(ServerMain.MAX_MESSAGE)
                .idleTimeout(Duration.ofSeconds(ServerMain.IDLE_TIMEOUT_SECONDS))
                .build();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (WebSocketServer server = WebSockets.serve(options, new OursEchoServer.Echo())) {
            Target target = new Target("ours", new InetSocketAddress(ServerMain.HOST, server.port()), "/", true);
            if (connections) {
                connections(target, threads, seconds);
                return;
            }
            byte[] payload = big ? Frames.binaryPayload(1 << 20) : Frames.asciiPayload(32);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try (EchoLoad load = big
                    ? EchoLoad.open(target, 4, 1, Frames.OP_BINARY, payload, 1, deadline)
                    : EchoLoad.open(target, 64, 16, Frames.OP_TEXT, payload, 1, deadline)) {
                load.runFor((long) (seconds * 1e9));
                long before = runtimeAllocated(threads);
                long cpuBefore = runtimeCpu(threads);
                EchoLoad.Result r = load.runFor((long) (seconds * 1e9));
                long after = runtimeAllocated(threads);
                long cpuAfter = runtimeCpu(threads);
                System.out.printf(Locale.ROOT, "(%s) %d messages echoed, %.0f bytes allocated per message by the "
                        + "runtime's threads (%.3f per payload byte); their CPU time %.0f ns per message%n",
                        big ? "c" : "a", r.messages(), (after - before) / (double) r.messages(),
                        (after - before) / (double) r.messages() / payload.length,
                        (cpuAfter - cpuBefore) / (double) r.messages());
                load.close(Duration.ofSeconds(10).toNanos());
            }
        }
    }

    /** Scenario (d): bytes and CPU time of the runtime's threads per whole connection. */
    private static void connections(Target target, com.sun.management.ThreadMXBean threads, double seconds)
            throws java.io.IOException {
        HandshakeRate.run(target, 4, (long) (seconds * 1e9), 1);
        long before = runtimeAllocated(threads);
        long cpuBefore = runtimeCpu(threads);
        long userBefore = runtimeUser(threads);
        HandshakeRate.Result r = HandshakeRate.run(target, 4, (long) (seconds * 1e9), 2);
        long after = runtimeAllocated(threads);
        long cpuAfter = runtimeCpu(threads);
        long userAfter = runtimeUser(threads);
        System.out.printf(Locale.ROOT, "(d) %d connections opened and closed (%d failed), %.0f bytes allocated per "
                + "connection by the runtime's threads; their CPU time %.0f ns per connection, %.0f of it in user "
                + "mode (the rest in the kernel)%n", r.connections(), r.failures(),
                (after - before) / (double) r.connections(), (cpuAfter - cpuBefore) / (double) r.connections(),
                (userAfter - userBefore) / (double) r.connections());
    }

    /** User-mode CPU time so far of the live threads whose names start with {@code ws-}. */
    private static long runtimeUser(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ws-")) {
                long ns = threads.getThreadUserTime(t.getId());
                if (ns > 0) {
                    sum += ns;
                }
            }
        }
        return sum;
    }

    /** CPU time so far of the live threads whose names start with {@code ws-} (threads that ended are missed). */
    private static long runtimeCpu(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ws-")) {
                long ns = threads.getThreadCpuTime(t.getId());
                if (ns > 0) {
                    sum += ns;
                }
            }
        }
        return sum;
    }

    /** Heap bytes allocated so far by the live threads whose names start with {@code ws-}. */
    private static long runtimeAllocated(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ws-")) {
                long b = threads.getThreadAllocatedBytes(t.getId());
                if (b > 0) {
                    sum += b;
                }
            }
        }
        return sum;
    }
}
