package net.websocket.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The load generator of the million-connection scenario ({@link Million}): holds many idle connections on raw
 * non-blocking sockets, as cheaply as a selector allows. Each socket is bound to a source address of its own range
 * ({@code 127.0.0.2} and up, {@link Plan#perAddress()} sockets per address on consecutive ports, so that the
 * connections are not limited by one address's ephemeral ports), connects, sends the upgrade request and reads the
 * 101 (for the raw echo it only connects); at most {@link Plan#inFlight()} handshakes are in progress and at most
 * {@link Plan#rate()} are started per second. Once open, a connection holds no state of its own here: the holder
 * answers each keepalive ping with its pong, and counts what it sees. Every handshake has a deadline, and so has the
 * whole opening.
 *
 * <p>As a process ({@link #main}), it opens its share, prints {@code OPENED opened failed} (and {@code PROGRESS}
 * lines before), then answers pings until its standard input says {@code CLOSE} or ends; {@code STATS} prints
 * {@code STATS pings pongs closedByPeer}. Closing resets every connection (no {@code TIME_WAIT} left behind).
 */
public final class IdleHolder implements AutoCloseable {

    /** How long one connect and handshake may take. */
    static final long HANDSHAKE_NANOS = 10_000_000_000L;

    /** The opening stops once this many connections failed (a limit is hit; going on would only repeat it). */
    static final int MAX_FAILURES = 100;

    /**
     * What one holder opens.
     *
     * @param target      the server
     * @param count       connections
     * @param firstAddress the first source address, counted from {@code 127.0.0.2} (0 is {@code 127.0.0.2})
     * @param perAddress  connections per source address
     * @param firstPort   the first source port on each address
     * @param inFlight    handshakes in progress at most
     * @param rate        handshakes started per second at most
     * @param openNanos   how long the whole opening may take
     */
    public record Plan(Target target, int count, int firstAddress, int perAddress, int firstPort, int inFlight,
            double rate, long openNanos) {

        /** The source addresses this plan uses. */
        int addresses() {
            return (count + perAddress - 1) / perAddress;
        }
    }

    /** A connection whose handshake is in progress. */
    private static final class Pending {
        final SocketChannel channel;
        final long deadline;
        final String key;
        final byte[] head = new byte[1024];
        int length;
        boolean done;

        Pending(SocketChannel channel, long deadline, String key) {
            this.channel = channel;
            this.deadline = deadline;
            this.key = key;
        }
    }

    private final Plan plan;
    private final Selector selector;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private final SplittableRandom random = new SplittableRandom(17);
    private final Map<String, Integer> why = new LinkedHashMap<>();
    private int started;
    private int opened;
    private int failed;
    private long pings;
    private long pongs;
    private long closedByPeer;

    public IdleHolder(Plan plan) throws IOException {
        this.plan = plan;
        this.selector = Selector.open();
    }

    /** The source address of the {@code index}-th address of all plans: {@code 127.0.0.2} and up. */
    static InetAddress sourceAddress(int index) throws IOException {
        int x = 2 + index;
        if (x > 0xFFFFFE) {
            throw new IOException("no loopback source address left for index " + index);
        }
        return InetAddress.getByAddress(new byte[] {127, (byte) (x >> 16), (byte) (x >> 8), (byte) x});
    }

    /**
     * Opens all the connections of the plan, answering pings of those open meanwhile.
     *
     * @param progress told the count opened about once a second
     * @throws IOException when the opening takes longer than the plan allows, or too many connections fail
     */
    public void open(java.util.function.IntConsumer progress) throws IOException {
        long t0 = System.nanoTime();
        long end = t0 + plan.openNanos();
        long nextProgress = t0 + 1_000_000_000L;
        while (opened + failed < plan.count()) {
            long now = System.nanoTime();
            if (now - end > 0) {
                throw new IOException("opened " + opened + " of " + plan.count() + " connections in "
                        + plan.openNanos() / 1_000_000_000L + " s" + failures());
            }
            if (failed >= MAX_FAILURES) {
                throw new IOException(failed + " connections failed" + failures());
            }
            long allowed = (long) ((now - t0) / 1e9 * plan.rate()) + 1;
            while (started < plan.count() && pending.size() < plan.inFlight() && started < allowed) {
                start(now);
            }
            poll(10);
            expire(System.nanoTime());
            if (System.nanoTime() - nextProgress > 0) {
                nextProgress += 1_000_000_000L;
                progress.accept(opened);
            }
        }
    }

    /** Answers pings for up to {@code millis}. */
    public void poll(long millis) throws IOException {
        selector.select(Math.max(1, millis));
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey k = it.next();
            it.remove();
            if (!k.isValid()) {
                continue;
            }
            if (k.attachment() instanceof Pending p) {
                try {
                    handshake(k, p);
                } catch (IOException e) {
                    fail(p, e);
                }
            } else {
                try {
                    serve(k);
                } catch (IOException e) {
                    closedByPeer++;
                    k.channel().close();
                }
            }
        }
    }

    private void start(long now) throws IOException {
        int i = started++;
        SocketChannel ch = SocketChannel.open();
        String key = Frames.newKey(random);
        Pending p = new Pending(ch, now + HANDSHAKE_NANOS, key);
        pending.add(p);
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.bind(new InetSocketAddress(sourceAddress(plan.firstAddress() + i / plan.perAddress()),
                    plan.firstPort() + i % plan.perAddress()));
            if (ch.connect(plan.target().address())) {
                connected(ch.register(selector, 0, p), p);
            } else {
                ch.register(selector, SelectionKey.OP_CONNECT, p);
            }
        } catch (IOException e) {
            fail(p, e);
        }
    }

    private void handshake(SelectionKey k, Pending p) throws IOException {
        if (k.isConnectable()) {
            p.channel.finishConnect();
            connected(k, p);
            return;
        }
        int n = p.channel.read(ByteBuffer.wrap(p.head, p.length, p.head.length - p.length));
        if (n < 0) {
            throw new IOException("closed during the handshake");
        }
        p.length += n;
        String head = new String(p.head, 0, p.length, StandardCharsets.ISO_8859_1);
        int endOfHead = head.indexOf("\r\n\r\n");
        if (endOfHead < 0) {
            if (p.length == p.head.length) {
                throw new IOException("response head longer than " + p.head.length + " bytes");
            }
            return;
        }
        if (!head.startsWith("HTTP/1.1 101") || !head.contains(Frames.acceptFor(p.key))) {
            throw new IOException("not upgraded: " + head.lines().findFirst().orElse(""));
        }
        if (endOfHead + 4 < p.length) {
            k.attach(Arrays.copyOfRange(p.head, endOfHead + 4, p.length));
        } else {
            k.attach(null);
        }
        upgraded(p);
    }

    private void connected(SelectionKey k, Pending p) throws IOException {
        if (!plan.target().websocket()) {
            k.attach(null);
            k.interestOps(SelectionKey.OP_READ);
            upgraded(p);
            return;
        }
        Target t = plan.target();
        ByteBuffer request = ByteBuffer.wrap(Frames.upgradeRequest(t.address().getAddress().getHostAddress(),
                t.address().getPort(), t.path(), p.key));
        p.channel.write(request);
        if (request.hasRemaining()) {
            throw new IOException("the upgrade request did not fit the socket's send buffer");
        }
        k.interestOps(SelectionKey.OP_READ);
    }

    private void upgraded(Pending p) {
        p.done = true;
        opened++;
    }

    private void fail(Pending p, IOException e) {
        p.done = true;
        failed++;
        why.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
        try {
            p.channel.close();
        } catch (IOException ignored) {
            // counted already
        }
    }

    private void expire(long now) {
        while (!pending.isEmpty() && (pending.peekFirst().done || now - pending.peekFirst().deadline > 0)) {
            Pending p = pending.pollFirst();
            if (!p.done) {
                fail(p, new IOException("no handshake answer within " + HANDSHAKE_NANOS / 1_000_000 + " ms"));
            }
        }
    }

    /** Reads what an open connection received: pings get their pong, a close or the end of input closes it. */
    private void serve(SelectionKey k) throws IOException {
        SocketChannel ch = (SocketChannel) k.channel();
        in.clear();
        if (k.attachment() instanceof byte[] leftover) {
            in.put(leftover);
            k.attach(null);
        }
        int n = ch.read(in);
        if (n < 0) {
            closedByPeer++;
            ch.close();
            return;
        }
        in.flip();
        if (!plan.target().websocket()) {
            return;
        }
        while (in.remaining() >= 2) {
            int b0 = in.get(in.position()) & 0xFF;
            int len = in.get(in.position() + 1) & 0x7F;
            int header = 2;
            long payload = len;
            if (len == 126) {
                header = 4;
                payload = in.remaining() >= 4 ? in.getShort(in.position() + 2) & 0xFFFF : -1;
            } else if (len == 127) {
                header = 10;
                payload = in.remaining() >= 10 ? in.getLong(in.position() + 2) : -1;
            }
            if (payload < 0 || in.remaining() < header + payload) {
                break;
            }
            int opcode = b0 & 0x0F;
            byte[] data = new byte[(int) payload];
            in.position(in.position() + header);
            in.get(data);
            if (opcode == Frames.OP_PING) {
                pings++;
                ByteBuffer pong = ByteBuffer.wrap(Frames.clientFrame(Frames.OP_PONG, data, random.nextInt()));
                ch.write(pong);
                if (pong.hasRemaining()) {
                    throw new IOException("a pong did not fit the socket's send buffer");
                }
                pongs++;
            } else if (opcode == Frames.OP_CLOSE) {
                closedByPeer++;
                ch.close();
                return;
            }
        }
        if (in.hasRemaining()) {
            byte[] rest = new byte[in.remaining()];
            in.get(rest);
            k.attach(rest);
        }
    }

    private String failures() {
        return why.isEmpty() ? "" : "; failures: " + why;
    }

    public int opened() {
        return opened;
    }

    public int failed() {
        return failed;
    }

    /** The first failures, each with how many there were of its kind. */
    public Map<String, Integer> why() {
        return why;
    }

    public long pings() {
        return pings;
    }

    public long pongs() {
        return pongs;
    }

    public long closedByPeer() {
        return closedByPeer;
    }

    /** Connections still registered (open, or in their handshake). */
    public int registered() {
        return selector.keys().size();
    }

    /** Resets every connection and closes the selector. */
    @Override
    public void close() throws IOException {
        for (SelectionKey k : selector.keys()) {
            try {
                ((SocketChannel) k.channel()).setOption(StandardSocketOptions.SO_LINGER, 0);
                k.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        selector.close();
    }

    /**
     * As a process: {@code HOST PORT PATH websocket|raw COUNT FIRST_ADDRESS PER_ADDRESS FIRST_PORT IN_FLIGHT RATE
     * OPEN_SECONDS}. Prints {@code PROGRESS n}, then {@code OPENED n failed} or {@code FAILED reason}; then answers
     * pings until standard input says {@code CLOSE} or ends ({@code STATS} prints {@code STATS pings pongs closed}).
     */
    public static void main(String[] a) throws Exception {
        Target target = new Target("server", new InetSocketAddress(a[0], Integer.parseInt(a[1])), a[2],
                a[3].equals("websocket"));
        Plan plan = new Plan(target, Integer.parseInt(a[4]), Integer.parseInt(a[5]), Integer.parseInt(a[6]),
                Integer.parseInt(a[7]), Integer.parseInt(a[8]), Double.parseDouble(a[9]),
                Long.parseLong(a[10]) * 1_000_000_000L);
        java.util.concurrent.ConcurrentLinkedQueue<String> commands = new java.util.concurrent.ConcurrentLinkedQueue<>();
        try (IdleHolder h = new IdleHolder(plan)) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        commands.add(line.trim());
                        h.selector.wakeup();
                    }
                } catch (IOException ignored) {
                    // as the end of input
                }
                commands.add("CLOSE");
                h.selector.wakeup();
            }, "commands");
            reader.setDaemon(true);
            reader.start();
            try {
                h.open(n -> say("PROGRESS " + n));
            } catch (IOException e) {
                say("FAILED " + e.getMessage());
                return;
            }
            say("OPENED " + h.opened() + " " + h.failed());
            while (true) {
                h.poll(1_000);
                for (String c; (c = commands.poll()) != null;) {
                    if (c.equals("CLOSE")) {
                        return;
                    }
                    if (c.equals("STATS")) {
                        say("STATS " + h.pings() + " " + h.pongs() + " " + h.closedByPeer());
                    }
                }
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
