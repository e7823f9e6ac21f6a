package net.websocket.bench.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;

import net.websocket.bench.load.Frames;

/**
 * The misbehaving peers of the soak, one attempt each: every method opens its connections, misbehaves, and checks
 * that the server answers (an HTTP refusal, a 503, a close frame or closing the connection all count) within
 * {@link #ANSWER_MILLIS}; a connection the server leaves open longer is a violation. Every attempt is bounded in time.
 */
final class Attacks {

    /**
     * How long the server may take to refuse or close a misbehaving connection: its handshake timeout (10 s) plus
     * its close timeout (5 s) plus a margin for a loaded machine.
     */
    static final long ANSWER_MILLIS = 30_000;

    /** How many bytes of zeros the deflate bomb inflates to: 512 MiB, from about 500 KiB on the wire. */
    static final long BOMB_INFLATED = 512L << 20;

    /** How long a never-reader keeps writing and holding its connection before it gives up and resets it. */
    static final long NEVER_READER_MILLIS = 10_000;

    /** The never-reader's messages. */
    static final int NEVER_READER_MESSAGE = 64 * 1024;

    /** The connections of one handshake flood. */
    static final int FLOOD_SIZE = 300;

    /** How long a slowloris peer waits between two bytes of its request head. */
    static final long SLOWLORIS_BYTE_MILLIS = 500;

    private final InetSocketAddress server;
    private final Tally tally;
    private final BooleanSupplier stopping;
    /** The compressed payload of the bomb: {@link #BOMB_INFLATED} zero bytes. */
    private final byte[] bomb;

    Attacks(InetSocketAddress server, Tally tally, BooleanSupplier stopping) {
        this.server = server;
        this.tally = tally;
        this.stopping = stopping;
        this.bomb = deflatedZeros(BOMB_INFLATED);
    }

    int bombSize() {
        return bomb.length;
    }

    private String path(SplittableRandom random) {
        return random.nextBoolean() ? "/echo" : "/blocking";
    }

    private byte[] upgrade(String path, SplittableRandom random, String extensions) {
        return Frames.upgradeRequest(server.getAddress().getHostAddress(), server.getPort(), path,
                Frames.newKey(random), extensions);
    }

    /** Counts how the server ended a misbehaving connection, or records that it did not. */
    private void expectClose(RawPeer peer, String attack) throws IOException {
        if (peer.awaitServerClose(ANSWER_MILLIS)) {
            tally.add(attack + ".closed");
        } else {
            tally.violation(attack + ": the server left the connection open for " + ANSWER_MILLIS + " ms");
        }
    }

    /**
     * Opens an upgraded connection; returns null (counting a refusal) if the server refused it with a status or by
     * closing: both are fine for an attacker.
     */
    private RawPeer upgraded(String attack, String path, SplittableRandom random, String extensions,
            int receiveBuffer) throws IOException {
        RawPeer peer;
        try {
            peer = RawPeer.connect(server, receiveBuffer);
        } catch (IOException e) {
            tally.add(attack + ".refused");
            return null;
        }
        try {
            peer.write(upgrade(path, random, extensions));
            int status = peer.readStatus(ANSWER_MILLIS);
            if (status == 101) {
                return peer;
            }
            tally.add(attack + ".refused");
            if (status >= 200 && status < 500 && status != 429) {
                tally.violation(attack + ": a valid handshake was answered " + status);
            }
        } catch (SocketTimeoutException e) {
            tally.violation(attack + ": no answer to the handshake in " + ANSWER_MILLIS + " ms");
        } catch (IOException e) {
            tally.add(attack + ".refused");
        }
        peer.close();
        return null;
    }

    /** A permessage-deflate message that inflates to hundreds of MiB: the server must stop at its message limit. */
    void deflateBomb(SplittableRandom random) throws IOException {
        RawPeer peer = upgraded("bomb", path(random), random, Frames.DEFLATE_OFFER, 0);
        if (peer == null) {
            return;
        }
        try (peer) {
            if (!peer.head.toLowerCase().contains("permessage-deflate")) {
                tally.violation("bomb: the server did not accept permessage-deflate: " + peer.head);
                return;
            }
            try {
                peer.write(Frames.clientFrame(Frames.OP_BINARY, bomb, random.nextInt(), true));
            } catch (IOException e) {
                tally.add("bomb.closed"); // closed while we were still writing
                return;
            }
            expectClose(peer, "bomb");
        }
    }

    /**
     * A frame whose header announces far more than the frame limit (alternately one huge frame and a fragmented
     * message above the message limit): the server must close before reading it all.
     */
    void oversizedFrame(SplittableRandom random) throws IOException {
        RawPeer peer = upgraded("oversized", path(random), random, null, 0);
        if (peer == null) {
            return;
        }
        try (peer) {
            try {
                if (random.nextBoolean()) {
                    byte[] header = new byte[14];
                    header[0] = (byte) (0x80 | Frames.OP_BINARY);
                    header[1] = (byte) (0x80 | 127);
                    long length = 1L << 40;
                    for (int i = 0; i < 8; i++) {
                        header[2 + i] = (byte) (length >>> (56 - 8 * i));
                    }
                    peer.write(header);
                    peer.write(new byte[64 * 1024]);
                } else {
                    byte[] fragment = new byte[768 * 1024];
                    peer.write(fragment(Frames.OP_BINARY, false, fragment, random.nextInt()));
                    peer.write(fragment(Frames.OP_CONTINUATION, false, fragment, random.nextInt()));
                    peer.write(fragment(Frames.OP_CONTINUATION, true, fragment, random.nextInt()));
                }
            } catch (IOException e) {
                tally.add("oversized.closed"); // closed while we were still writing
                return;
            }
            expectClose(peer, "oversized");
        }
    }

    private static byte[] fragment(int opcode, boolean fin, byte[] payload, int mask) {
        byte[] frame = Frames.clientFrame(opcode, payload, mask);
        if (!fin) {
            frame[0] &= 0x7F;
        }
        return frame;
    }

    /** Requests that are not valid WebSocket handshakes, in turn. */
    private static final List<String> MALFORMED = List.of(
            "\u0000\u0001\u0002 not http at all \r\n\r\n",
            "GET /echo HTTP/1.1\nHost: x\nUpgrade: websocket\n\n",
            "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n",
            "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n",
            "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Folded: a\r\n  b\r\nUpgrade: websocket\r\n\r\n",
            "GET /echo HTTP/1.1\r\nHost : 127.0.0.1\r\nUpgrade: websocket\r\n\r\n",
            "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
            "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(16 * 1024) + "\r\n\r\n",
            "GET /echo HTTP/1.1\r\n" + "X-Many: 1\r\n".repeat(2000) + "\r\n");

    /**
     * One malformed request: the server must refuse it with an error status or close the connection, never upgrade
     * it, and then close it.
     */
    void malformedHttp(SplittableRandom random) throws IOException {
        String request = MALFORMED.get(random.nextInt(MALFORMED.size()));
        RawPeer peer;
        try {
            peer = RawPeer.connect(server, 0);
        } catch (IOException e) {
            tally.add("malformed.refused");
            return;
        }
        try (peer) {
            int status;
            try {
                peer.write(request.getBytes(StandardCharsets.ISO_8859_1));
                status = peer.readStatus(ANSWER_MILLIS);
            } catch (SocketTimeoutException e) {
                tally.violation("malformed: no answer in " + ANSWER_MILLIS + " ms to "
                        + request.lines().findFirst().orElse(""));
                return;
            } catch (IOException e) {
                tally.add("malformed.closed"); // reset while we were writing or reading
                return;
            }
            if (status != RawPeer.CLOSED && status < 400) {
                tally.violation("malformed: answered " + status + " to " + request.lines().findFirst().orElse(""));
                return;
            }
            tally.add("malformed.refused");
            expectClose(peer, "malformed");
        }
    }

    /**
     * A peer that sends its request head one byte every {@link #SLOWLORIS_BYTE_MILLIS}: the head never completes
     * before the server's handshake timeout, which must drop it.
     */
    void slowloris(SplittableRandom random) throws IOException {
        byte[] head = upgrade(path(random), random, null);
        RawPeer peer;
        try {
            peer = RawPeer.connect(server, 0);
        } catch (IOException e) {
            tally.add("slowloris.refused");
            return;
        }
        try (peer) {
            long end = System.nanoTime() + ANSWER_MILLIS * 1_000_000;
            for (int i = 0; i < head.length - 2 && System.nanoTime() < end; i++) {
                try {
                    peer.write(new byte[] {head[i]});
                    // the pause between two bytes, which also notices the server closing
                    int status = peer.readStatus(SLOWLORIS_BYTE_MILLIS);
                    if (status == 101) {
                        tally.violation("slowloris: an incomplete head was upgraded");
                    } else {
                        tally.add("slowloris.closed");
                    }
                    return;
                } catch (SocketTimeoutException e) {
                    // still open: the next byte
                } catch (IOException e) {
                    tally.add("slowloris.closed");
                    return;
                }
            }
            tally.violation("slowloris: the server kept a head trickling in for " + ANSWER_MILLIS + " ms");
        }
    }

    /**
     * A burst of {@link #FLOOD_SIZE} handshakes opened as fast as possible: each must be upgraded or refused (a 503
     * or 429, or closed). Half the upgraded ones are then closed with a close frame, half with a reset.
     */
    void handshakeFlood(SplittableRandom random) throws IOException {
        List<RawPeer> peers = new ArrayList<>();
        try {
            // connecting is bounded too: a server that stops accepting makes each connect wait for its timeout
            long connectEnd = System.nanoTime() + ANSWER_MILLIS * 1_000_000;
            for (int i = 0; i < FLOOD_SIZE && !stopping.getAsBoolean() && System.nanoTime() < connectEnd; i++) {
                try {
                    RawPeer peer = RawPeer.connect(server, 0);
                    peers.add(peer);
                    peer.write(upgrade("/echo", random, null));
                } catch (IOException e) {
                    tally.add("flood.refused");
                }
            }
            long end = System.nanoTime() + ANSWER_MILLIS * 1_000_000;
            for (RawPeer peer : peers) {
                long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
                try {
                    int status = peer.readStatus(left);
                    if (status == 101) {
                        tally.add("flood.upgraded");
                        if (random.nextBoolean()) {
                            peer.write(Frames.clientClose(1000, random.nextInt()));
                        }
                    } else if (status == RawPeer.CLOSED || status == 503 || status == 429) {
                        tally.add("flood.refused");
                    } else {
                        tally.violation("flood: a valid handshake was answered " + status);
                    }
                } catch (SocketTimeoutException e) {
                    tally.violation("flood: no answer to a handshake in " + ANSWER_MILLIS + " ms");
                } catch (IOException e) {
                    tally.add("flood.refused");
                }
            }
        } finally {
            for (RawPeer peer : peers) {
                if (random.nextBoolean()) {
                    peer.close();
                } else {
                    peer.reset();
                }
            }
        }
    }

    /**
     * A peer that sends {@link #NEVER_READER_MESSAGE}-byte messages to an echo endpoint and reads nothing, for
     * {@link #NEVER_READER_MILLIS}; then resets the connection. The server may also drop it first.
     */
    void neverReader(SplittableRandom random) throws IOException {
        RawPeer peer = upgraded("neverReader", path(random), random, null, 4096);
        if (peer == null) {
            return;
        }
        byte[] payload = Frames.binaryPayload(NEVER_READER_MESSAGE);
        long end = System.nanoTime() + NEVER_READER_MILLIS * 1_000_000;
        long sent = 0;
        try {
            SocketChannel ch = peer.socket.getChannel();
            ch.configureBlocking(false);
            ByteBuffer frame = ByteBuffer.allocate(0);
            while (System.nanoTime() < end && !stopping.getAsBoolean()) {
                if (!frame.hasRemaining()) {
                    frame = ByteBuffer.wrap(Frames.clientFrame(Frames.OP_BINARY, payload, random.nextInt()));
                }
                int n = ch.write(frame);
                sent += n;
                if (n == 0) {
                    // the kernel's buffers are full: the server has stopped reading us; try again a little later
                    Thread.sleep(50);
                }
            }
            tally.add("neverReader.heldToTheEnd");
        } catch (IOException e) {
            tally.add("neverReader.closedByServer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tally.add("neverReader.bytesSent", sent);
            peer.reset();
        }
    }

    /** {@code n} zero bytes compressed as one permessage-deflate message (no final empty block's tail). */
    static byte[] deflatedZeros(long n) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] zeros = new byte[1 << 20];
            ByteBuffer out = ByteBuffer.allocate(1 << 20);
            byte[] chunk = new byte[64 * 1024];
            for (long done = 0; done < n; done += zeros.length) {
                d.setInput(zeros, 0, (int) Math.min(zeros.length, n - done));
                while (!d.needsInput()) {
                    int k = d.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH);
                    out = put(out, chunk, k);
                }
            }
            int k;
            do {
                k = d.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out = put(out, chunk, k);
            } while (k == chunk.length);
            return Arrays.copyOf(out.array(), out.position() - 4);
        } finally {
            d.end();
        }
    }

    private static ByteBuffer put(ByteBuffer out, byte[] b, int n) {
        if (out.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + n));
            bigger.put(out.flip());
            out = bigger;
        }
        return out.put(b, 0, n);
    }
}
