package net.websocket.itest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of a server on 127.0.0.1, counting the bytes it carries each way (handshakes and
 * frame headers included): what a test needs to see that messages really crossed compressed. Every accepted
 * connection is relayed to the target; closing the counter closes them all.
 */
public final class WireCounter implements AutoCloseable {

    /** The relay's buffer: one read's worth. */
    private static final int BUFFER = 64 * 1024;

    private final AtomicLong toServer = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final ServerSocket listen;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private WireCounter(int target) throws IOException {
        listen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> accept(target), "wire-counter-" + listen.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** Relays connections to {@code 127.0.0.1:target}. */
    public static WireCounter to(int target) throws IOException {
        return new WireCounter(target);
    }

    /** The port clients connect to. */
    public int port() {
        return listen.getLocalPort();
    }

    /** Bytes sent by clients towards the server so far. */
    public long toServer() {
        return toServer.get();
    }

    /** Bytes sent by the server towards clients so far. */
    public long toClient() {
        return toClient.get();
    }

    /** Both counts set back to zero. */
    public void reset() {
        toServer.set(0);
        toClient.set(0);
    }

    @Override
    public void close() {
        try {
            listen.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void accept(int target) {
        try {
            while (true) {
                Socket client = listen.accept();
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(server);
                pump(client, server, toServer);
                pump(server, client, toClient);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong count) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[BUFFER];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buf)) > 0;) {
                    count.addAndGet(n);
                    out.write(buf, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // one side went away: drop the other
                try {
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "wire-counter-pump");
        t.setDaemon(true);
        t.start();
    }
}
