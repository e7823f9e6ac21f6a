package net.websocket.bench.soak;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;
import javax.management.ObjectName;

import net.websocket.api.Handler;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.bench.servers.OursEchoServer;
import net.websocket.deflate.PerMessageDeflate;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/**
 * The server the soak runs against, in a JVM of its own: the plain runtime ({@link WebSockets#serve}) with its
 * default settings and permessage-deflate, on 127.0.0.1. Two echo endpoints: {@code /echo}, a
 * {@link Listener.NonBlocking} (callbacks on the I/O threads), and {@code /blocking}, a {@link Handler} that
 * receives and sends on a handler thread. It prints {@code READY <port>} when it accepts connections, then every
 * second a {@code HEAP <used> <committed>} line and every {@link #LIVE_EVERY_SECONDS} seconds, right after a full
 * collection, {@code LIVE <used>}: the heap that survives, which is what a leak makes grow (no {@code LIVE} line
 * when the collection was skipped).
 */
public final class SoakServer {

    /** How often (in seconds) the reporter asks for a full collection to measure the live heap. */
    static final int LIVE_EVERY_SECONDS = 5;

    /** A live heap above which the reporter prints what fills it (at most once a minute). */
    static final long HISTOGRAM_ABOVE = 48L << 20;

    /** How many classes of the histogram it prints. */
    private static final int HISTOGRAM_LINES = 15;

    private SoakServer() {
    }

    /** How many collections of the old generation (full collections) have run. */
    static long fullCollections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            for (String pool : gc.getMemoryPoolNames()) {
                if (pool.contains("Old") || pool.contains("Tenured")) {
                    n += gc.getCollectionCount();
                    break;
                }
            }
        }
        return n;
    }

    /** The first lines of a class histogram of the live heap, each prefixed with {@code HISTOGRAM}. */
    static String histogram() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            StringBuilder b = new StringBuilder();
            String[] lines = out.toString().split("\n");
            for (int i = 0; i < Math.min(lines.length, HISTOGRAM_LINES + 2); i++) {
                b.append("HISTOGRAM ").append(lines[i]).append('\n');
            }
            return b.toString().stripTrailing();
        } catch (JMException | RuntimeException e) {
            return "HISTOGRAM unavailable: " + e;
        }
    }

    /** Receives and echoes on a handler thread, with blocking sends. */
    static final Handler BLOCKING_ECHO = c -> {
        for (Message m; (m = c.receive()) != null;) {
            c.send(m);
        }
    };

    /** Arguments: the port (0: any free one). */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length == 0 ? 0 : Integer.parseInt(args[0]);
        ServerOptions options = ServerOptions.builder()
                .listen("127.0.0.1", port)
                .extensions(new PerMessageDeflate())
                .build();
        WebSocketServer server = WebSockets.serve(options, ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(new OursEchoServer.Echo()))
                .route("/blocking", ServiceMapper.none(BLOCKING_ECHO))
                .build());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-reporter");
            t.setDaemon(true);
            return t;
        });
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] ticks = {0};
        long[] lastHistogram = {-60};
        reporter.scheduleAtFixedRate(() -> {
            var heap = memory.getHeapMemoryUsage();
            StringBuilder line = new StringBuilder("HEAP ").append(heap.getUsed()).append(' ')
                    .append(heap.getCommitted());
            if (++ticks[0] % LIVE_EVERY_SECONDS == 0) {
                long before = fullCollections();
                System.gc();
                long live = memory.getHeapMemoryUsage().getUsed();
                if (fullCollections() == before) {
                    // no full collection happened (the collector skips System.gc() while a thread holds an array
                    // pinned, as zlib does while it inflates): what is in use now is not the live heap
                    System.out.println(line);
                    System.out.flush();
                    return;
                }
                line.append("\nLIVE ").append(live);
                if (live > HISTOGRAM_ABOVE && ticks[0] - lastHistogram[0] >= 60) {
                    lastHistogram[0] = ticks[0];
                    line.append('\n').append(histogram());
                }
            }
            System.out.println(line);
            System.out.flush();
        }, 1, 1, TimeUnit.SECONDS);
        System.out.println("READY " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
