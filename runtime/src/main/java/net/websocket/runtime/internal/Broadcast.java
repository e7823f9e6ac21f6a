package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import net.websocket.api.BroadcastPolicy;
import net.websocket.api.BroadcastResult;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.OutboundQueueFullException;
import net.websocket.api.PayloadType;

/**
 * One message sent to many connections ({@link net.websocket.api.WebSocketServer#broadcast}), never waiting for a slow
 * one.
 *
 * <h2>One frame for many</h2>
 * Connections whose frames depend on the payload alone ({@link ConnectionInfo#plainFrames}: server side, no
 * extension) are grouped by their engine's class, and each group shares one frame: the calling thread encodes it
 * with the engine of the group's first connection whose send lock is free ({@link ConnectionSender#encodeAlone},
 * which queues nothing), and checks it against the frame the group's next such connection encodes; should the two
 * differ (a variant whose frames are not a function of the payload), every connection of the group encodes its own.
 * The others (client connections, connections with an extension such as permessage-deflate) always encode their own.
 * A shared frame is a heap buffer that each queue holds a view of: written, it is never given to a buffer pool.
 *
 * <h2>Threads, order and backpressure</h2>
 * Every connection is offered the message on its own I/O loop, one task per loop for all of that loop's connections,
 * so that the broadcasts one thread makes reach each connection in the order they were made (a loop runs its tasks
 * in order). An offer ({@link ConnectionSender#offer}) waits for the connection's send lock, which others hold only
 * while they encode a frame, never while a peer is slow, and queues the frame unless the connection's outbound queue
 * is over its limit: then the connection is skipped or closed as the {@link BroadcastPolicy} says. The stage
 * completes when every loop is done, on a handler thread.
 */
final class Broadcast {

    /** How many connections of a group the caller tries for the group's shared frame before leaving it to them. */
    static final int SHARED_ATTEMPTS = 8;

    private final PayloadType type;
    private final ByteBuffer payload;
    private final BroadcastPolicy policy;
    private final HandlerThreads completer;
    /** Told once the broadcast is done (any thread). */
    private final Runnable onDone;
    /** The connections given (caller's thread, then read by {@link #abandon}). */
    private volatile int total;
    private final CompletableFuture<BroadcastResult> result = new CompletableFuture<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger notOpen = new AtomicInteger();
    /** Loop tasks not yet done, plus one for the caller while it hands them out. */
    private final AtomicInteger parts = new AtomicInteger(1);
    /** The groups that may share a frame, by engine class (filled by the caller, then only read). */
    private final Map<Class<?>, Group> groups = new HashMap<>();

    /** A group of connections that may share one frame. */
    private static final class Group {
        /** The frame encoded for the group, by {@link #encoder}; {@code null} until one was. */
        ByteBuffer frame;
        /** The connection whose engine encoded {@link #frame}: it takes that frame whether or not it is shared. */
        WsConnection encoder;
        /** Whether a second connection's frame was compared with {@link #frame}. */
        boolean checked;
        /** Whether the two were the same: the whole group shares {@link #frame}. */
        boolean shared;
        int attempts;

        /** The frame for {@code w} to queue, or {@code null}: encode your own. */
        ByteBuffer frameFor(WsConnection w) {
            return shared || w == encoder ? frame : null;
        }

        /** Encodes the group's frame with {@code w}'s engine, or checks it against {@code w}'s (caller's thread). */
        void tryEncode(WsConnection w, PayloadType type, ByteBuffer payload) {
            if (checked || attempts >= SHARED_ATTEMPTS) {
                return;
            }
            attempts++;
            ByteBuffer f = w.encodeAlone(type, payload);
            if (f == null) {
                return; // busy or cannot take it now: the next connection may
            }
            if (frame == null) {
                frame = f;
                encoder = w;
            } else {
                checked = true;
                shared = frame.equals(f);
            }
        }
    }

    /**
     * A broadcast of {@code message} as {@code policy} says; {@link #start} sends it.
     *
     * @param completer the threads that complete the stage when something depends on it
     * @param onDone    told once the broadcast is done: counted, or {@linkplain #abandon() abandoned}
     */
    Broadcast(Message message, BroadcastPolicy policy, HandlerThreads completer, Runnable onDone) {
        Objects.requireNonNull(message, "message");
        this.type = message.isText() ? PayloadType.TEXT : PayloadType.BINARY;
        // a text message as UTF-8, once, into a buffer of our own as a send's would be
        this.payload = message.isText() ? ByteBuffer.wrap(message.text().getBytes(StandardCharsets.UTF_8))
                : message.data();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.completer = completer;
        this.onDone = onDone;
    }

    /** The stage of the result. */
    CompletionStage<BroadcastResult> result() {
        return result.minimalCompletionStage();
    }

    /**
     * Completes the stage now with what was counted, the connections not yet counted as not open: for a server that
     * stopped while tasks of the broadcast waited on loops that will not run them. Nothing if already complete.
     */
    void abandon() {
        if (result.isDone()) {
            return;
        }
        int q = queued.get();
        int s = skipped.get();
        int c = closed.get();
        complete(BroadcastResult.of(q, s, c, Math.max(notOpen.get(), total - q - s - c)));
    }

    /** Sends the message to {@code connections}, counting each occurrence of a connection there (caller's thread). */
    void start(Collection<? extends Connection> connections) {
        Objects.requireNonNull(connections, "connections");
        Map<IoLoop, List<WsConnection>> perLoop = new IdentityHashMap<>();
        int n = 0;
        for (Connection c : connections) {
            n++;
            if (!(c instanceof WsConnection w)) {
                sendForeign(c);
                continue;
            }
            if (w.info.plainFrames) {
                groups.computeIfAbsent(w.engine.getClass(), k -> new Group()).tryEncode(w, type, payload);
            }
            perLoop.computeIfAbsent(w.loop(), l -> new ArrayList<>()).add(w);
        }
        total = n;
        for (Map.Entry<IoLoop, List<WsConnection>> e : perLoop.entrySet()) {
            parts.incrementAndGet();
            Part p = new Part(e.getValue());
            try {
                e.getKey().execute(p);
            } catch (RuntimeException ex) {
                p.run(); // the loop is gone: its connections are closed, or about to be
            }
        }
        partDone(true);
    }

    /** A connection of another implementation: an asynchronous send, counted by how it fails at once, if it does. */
    private void sendForeign(Connection c) {
        CompletableFuture<Void> f;
        try {
            f = (type == PayloadType.TEXT ? c.sendTextAsync(payloadText()) : c.sendBinaryAsync(payload.duplicate()))
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            skipped.incrementAndGet();
            return;
        }
        if (!f.isCompletedExceptionally()) {
            queued.incrementAndGet();
            return;
        }
        Throwable why = f.handle((v, t) -> t).join();
        Throwable cause = why instanceof CompletionException ? why.getCause() : why;
        if (cause instanceof ConnectionClosedException) {
            notOpen.incrementAndGet();
        } else if (cause instanceof OutboundQueueFullException && policy.closeAfter() == 1) {
            closed.incrementAndGet(); // its skips in a row are not known: only a policy that closes at the first acts
            closeQuietly(c);
        } else {
            skipped.incrementAndGet();
        }
    }

    private String payloadText() {
        return StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
    }

    /** Counts what became of the message on {@code w}, closing it when the policy says so. */
    private void count(WsConnection w, ConnectionSender.Offer o) {
        switch (o) {
            case QUEUED -> queued.incrementAndGet();
            case SKIPPED, CANNOT -> skipped.incrementAndGet();
            case NOT_OPEN -> notOpen.incrementAndGet();
            case CLOSE -> {
                closed.incrementAndGet();
                Logs.CONNECTION.log(Level.DEBUG, () -> Logs.about(w, "closed by the broadcast policy: "
                        + policy.closeAfter() + " broadcast(s) in a row missed, " + w.outboundQueued()
                        + " bytes queued"));
                closeQuietly(w);
            }
        }
    }

    private void closeQuietly(Connection c) {
        try {
            c.close(policy.closeCode(), policy.closeReason());
        } catch (RuntimeException e) {
            // closing anyway
        }
    }

    /**
     * One part is done; the last completes the stage: on the caller's thread before it has the stage ({@code inline}),
     * else on a handler thread, so that what depends on it never runs on an I/O loop.
     */
    private void partDone(boolean inline) {
        if (parts.decrementAndGet() != 0) {
            return;
        }
        BroadcastResult r = BroadcastResult.of(queued.get(), skipped.get(), closed.get(), notOpen.get());
        if (inline || !completer.tryExecute(() -> complete(r))) {
            complete(r);
        }
    }

    private void complete(BroadcastResult r) {
        if (result.complete(r)) {
            onDone.run();
        }
    }

    /** The connections of one loop, offered the message on that loop's thread. */
    private final class Part implements Runnable {
        private final List<WsConnection> todo;

        Part(List<WsConnection> todo) {
            this.todo = todo;
        }

        @Override
        public void run() {
            try {
                for (WsConnection w : todo) {
                    Group g = w.info.plainFrames ? groups.get(w.engine.getClass()) : null;
                    count(w, w.offer(type, payload, g == null ? null : g.frameFor(w), policy.closeAfter()));
                }
            } finally {
                partDone(false);
            }
        }
    }
}
