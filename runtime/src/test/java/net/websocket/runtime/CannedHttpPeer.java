package net.websocket.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import javax.net.ssl.SSLContext;

/**
 * A server on 127.0.0.1 that answers each request head with a canned answer and closes: what a redirecting server
 * or a refusing proxy says, without a real one. Each request head it read is kept; the answer comes from a function
 * of the head and the connection's number (0 for the first), and {@code null} answers nothing (the connection stays
 * open until the client goes or the peer is closed).
 */
final class CannedHttpPeer implements AutoCloseable {

    /** The most bytes of a request head read. */
    private static final int MAX_HEAD = 16 * 1024;
    /** The most connections served: a runaway client cannot keep the thread busy for ever. */
    private static final int MAX_CONNECTIONS = 50;

    private final ServerSocket socket;
    private final Thread thread;
    private final BlockingQueue<String> heads = new LinkedBlockingQueue<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /**
     * @param answer the answer (status line, fields, empty line and any body, CRLFs written out) to a request head
     *               and the connection's number, or {@code null} to answer nothing
     */
    CannedHttpPeer(BiFunction<String, Integer, String> answer) throws IOException {
        this(null, answer);
    }

    /**
     * @param tls    the server context to answer over TLS with ({@code wss://}), or {@code null} for plain
     * @param answer as above
     */
    CannedHttpPeer(SSLContext tls, BiFunction<String, Integer, String> answer) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        socket = tls == null ? new ServerSocket(0, 50, loopback)
                : tls.getServerSocketFactory().createServerSocket(0, 50, loopback);
        thread = new Thread(() -> serve(answer), "canned-http-peer");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The next request head read (without its empty line), waiting at most 10 s; fails if none came. */
    String nextHead() throws InterruptedException {
        String h = heads.poll(10, TimeUnit.SECONDS);
        if (h == null) {
            throw new AssertionError("no request came within 10 s");
        }
        return h;
    }

    /** The request heads read and not yet taken by {@link #nextHead()}. */
    int headsWaiting() {
        return heads.size();
    }

    private void serve(BiFunction<String, Integer, String> answer) {
        for (int n = 0; n < MAX_CONNECTIONS; n++) {
            try (Socket s = socket.accept()) {
                open.add(s);
                s.setSoTimeout(10_000);
                String head = readHead(s.getInputStream());
                if (head == null) {
                    continue;
                }
                heads.add(head);
                String a = answer.apply(head, n);
                if (a == null) {
                    // answer nothing: wait for the client to give up (or the peer to close)
                    while (s.getInputStream().read() >= 0) {
                        // discard
                    }
                    continue;
                }
                OutputStream out = s.getOutputStream();
                out.write(a.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == end.length) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
