package net.websocket.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed number of scenario (d)'s whole connections (open, opening handshake, closing handshake, the server closing
 * TCP) to a server on 127.0.0.1, made by a few client threads: the load of {@code bench/run --syscalls}, which counts
 * the server's system calls while it runs. Arguments: the port, the number of connections, the client threads.
 * Every connection has its timeouts ({@link Handshakes#IO_TIMEOUT_MILLIS}); exits 1 if any failed.
 */
public final class WholeConnections {

    private WholeConnections() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        long connections = Long.parseLong(args[1]);
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Target target = new Target("server", new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "/",
                true);
        AtomicLong left = new AtomicLong(connections);
        AtomicLong failures = new AtomicLong();
        Thread[] threads = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            SplittableRandom random = new SplittableRandom(i);
            threads[i] = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        Handshakes.openAndClose(target, random);
                    } catch (IOException e) {
                        if (failures.getAndIncrement() == 0) {
                            System.err.println("a connection failed: " + e);
                        }
                    }
                }
            }, "connections-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(connections + " connections, " + failures.get() + " failed");
        if (failures.get() > 0) {
            System.exit(1);
        }
    }
}
