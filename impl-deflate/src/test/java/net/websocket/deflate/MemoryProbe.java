package net.websocket.deflate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the memory one connection holds for permessage-deflate: makes {@code N} connected engine pairs (server
 * and client, after real handshakes), lets each side send the other one message of a few KB, keeps them all, and
 * reports the growth of the process's resident set (VmRSS) per connection side. Run in a JVM of its own whose heap
 * is fixed and pre-touched ({@code -Xms=-Xmx, -XX:+AlwaysPreTouch}), so that the growth is native memory: zlib's
 * state, window and hash tables, which {@link java.util.zip.Deflater} and {@link java.util.zip.Inflater} allocate
 * outside the Java heap.
 *
 * <p>Arguments: mode ({@code off}: the extension not negotiated; {@code takeover}: context takeover both ways;
 * {@code none}: no context takeover both ways), the number of connections, and optionally the size of the message
 * each side sends (default 4000 bytes; zlib touches more of its buffers as more data passes, up to their full size
 * at about 64 KB). Prints one line {@code mode N rssKiB perSideKiB heapKiB}.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    static long rssKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    private static String message(int i, int size) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; b.length() < size; k++) {
            b.append("{\"id\":").append(i * 100 + k).append(",\"name\":\"item ").append(k % 17)
                    .append("\",\"tags\":[\"a\",\"b\"],\"price\":").append(k * 3 % 101).append("},");
        }
        return b.toString();
    }

    private static List<Peers.Pair> connect(String mode, int n, int size) throws Exception {
        DeflateOptions server;
        DeflateOptions client;
        switch (mode) {
            case "off" -> {
                server = DeflateOptions.builder().enabled(false).build();
                client = server;
            }
            case "takeover" -> {
                server = DeflateOptions.defaults();
                client = server;
            }
            case "none" -> {
                server = DeflateOptions.builder().serverNoContextTakeover(true).clientNoContextTakeover(true)
                        .build();
                client = server;
            }
            default -> throw new IllegalArgumentException(mode);
        }
        List<Peers.Pair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Peers.Pair p = Peers.connect(server, client);
            String m = message(i, size);
            Recorder a = Peers.decode(p.client(), Peers.text(p.server(), m));
            Recorder b = Peers.decode(p.server(), Peers.text(p.client(), m));
            if (!a.texts().equals(List.of(m)) || !b.texts().equals(List.of(m))) {
                throw new AssertionError("round trip failed");
            }
            pairs.add(p);
        }
        return pairs;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        connect(mode, 50, size); // warm up: classes, code, zlib's first allocations
        System.gc();
        Thread.sleep(200);
        Runtime rt = Runtime.getRuntime();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        long rss0 = rssKiB();
        List<Peers.Pair> pairs = connect(mode, n, size);
        System.gc();
        Thread.sleep(200);
        long rss1 = rssKiB();
        long heap1 = rt.totalMemory() - rt.freeMemory();
        long grown = rss1 - rss0;
        System.out.println(mode + " " + n + " " + grown + " " + (grown / (2.0 * n)) + " "
                + (heap1 - heap0) / 1024 + " " + pairs.size());
    }
}
