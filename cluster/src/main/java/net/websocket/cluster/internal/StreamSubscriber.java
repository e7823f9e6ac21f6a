package net.websocket.cluster.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.websocket.api.Connection;
import redis.clients.jedis.StreamEntryID;

/**
 * A connection subscribed to an at-least-once topic that gets every message with its stream id in front ({@code ID
 * SP message}; for a binary message the id's ASCII bytes and a space): first the entries after the position it
 * gave (replayed by its subscriber's thread), then the live ones. While it replays, the live entries the node
 * delivers are held (at most {@code holdLimit}), and when the replay is done those after the last replayed entry
 * are sent, in order, so nothing is lost or sent twice between the two.
 */
final class StreamSubscriber {
    /** The text and the binary kind of a stream entry (as {@link RedisTopics} stores them). */
    static final String TEXT = "t";
    static final String BINARY = "b";

    private record Held(StreamEntryID id, String kind, byte[] binary, String text) {
    }

    private final Connection connection;
    private final int holdLimit;
    private final Object lock = new Object();
    /** The live entries held while replaying; null once live. */
    private List<Held> held = new ArrayList<>();
    private boolean overflowed;
    private StreamEntryID last;

    StreamSubscriber(Connection connection, int holdLimit) {
        this.connection = connection;
        this.holdLimit = holdLimit;
    }

    Connection connection() {
        return connection;
    }

    /**
     * A live entry from the node's reader: sent, or held while replaying.
     *
     * @return the send, or null when held, replayed already, or dropped because too many were held (see {@link
     *         #goLive})
     */
    CompletionStage<Void> live(StreamEntryID id, String kind, byte[] binary, String text) {
        synchronized (lock) {
            if (held != null) {
                if (held.size() < holdLimit) {
                    held.add(new Held(id, kind, binary, text));
                } else {
                    overflowed = true;
                }
                return null;
            }
            if (last != null && id.compareTo(last) <= 0) {
                return null; // replayed already
            }
            return send(id, kind, binary, text);
        }
    }

    /** A replayed entry (the subscriber's thread, before {@link #goLive}). */
    CompletionStage<Void> replayed(StreamEntryID id, String kind, byte[] binary, String text) {
        synchronized (lock) {
            return send(id, kind, binary, text);
        }
    }

    /**
     * Ends the replay: sends the held entries after the last replayed one.
     *
     * @return the sends, or null if more live entries came during the replay than could be held (then the
     *         connection must be closed: it lost some)
     */
    List<CompletionStage<Void>> goLive() {
        synchronized (lock) {
            if (overflowed) {
                held = null;
                return null;
            }
            List<CompletionStage<Void>> sends = new ArrayList<>();
            for (Held h : held) {
                if (last == null || h.id().compareTo(last) > 0) {
                    sends.add(send(h.id(), h.kind(), h.binary(), h.text()));
                }
            }
            held = null;
            return sends;
        }
    }

    private CompletionStage<Void> send(StreamEntryID id, String kind, byte[] binary, String text) {
        last = id;
        try {
            if (BINARY.equals(kind)) {
                byte[] prefix = (id + " ").getBytes(StandardCharsets.US_ASCII);
                ByteBuffer data = ByteBuffer.allocate(prefix.length + binary.length).put(prefix).put(binary);
                return connection.sendBinaryAsync(data.flip());
            }
            return connection.sendTextAsync(id + " " + text);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
