package net.websocket.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

import net.websocket.api.ConnectionClosedException;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.MessageType;
import net.websocket.api.OutboundQueueFullException;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.FrameEngine;

/**
 * What a connection sends: data frames, and control frames (ping, pong, close) with the pings that wait for their
 * pong. {@link WsConnection} adds receiving, timing and closing on top.
 *
 * <h2>Threads</h2>
 * Sends come from any thread: data frames are encoded under {@link #sendLock()} (so the engine sees one encoder at a
 * time and queue order is send order) into heap buffers queued in {@link Outbound}. Control frames are posted to
 * {@link #pendingControl} from any thread and encoded by whichever thread holds or next takes the send lock, so the
 * loop thread never waits for an application thread that is encoding a large message.
 *
 * <h2>Bounds</h2>
 * Every data send counts against the outbound queue limit: a blocking send waits for room at most the send timeout,
 * an asynchronous one fails at once with {@link OutboundQueueFullException} while the queue is over it. The answers
 * to the peer's pings are answered one by one while less than {@link #PONG_BACKLOG_BYTES} wait in the outbound
 * queue (a burst of pings from a peer that reads gets every pong); beyond that they take one slot ({@link #pong}):
 * a newer ping replaces the payload of the pong still to be encoded (RFC 6455 section 5.5.3 allows answering only
 * the most recent ping), so a ping flood from a peer that does not read costs no memory per ping.
 */
abstract class ConnectionSender extends ConnectionDescription implements OutboundOwner {

    /** Ping payloads and close reasons are at most this long (RFC 6455 section 5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;

    private static final VarHandle PENDING_CONTROL;
    private static final VarHandle PINGS;
    private static final VarHandle PONG;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PENDING_CONTROL = l.findVarHandle(ConnectionSender.class, "pendingControl", ConcurrentLinkedQueue.class);
            PINGS = l.findVarHandle(ConnectionSender.class, "pings", ConcurrentLinkedQueue.class);
            PONG = l.findVarHandle(ConnectionSender.class, "pong", byte[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    enum ControlKind {
        PING,
        PONG,
        CLOSE
    }

    /** A control frame to send. */
    record Control(ControlKind kind, byte[] payload, int code, String reason) {
    }

    private record PendingPing(byte[] payload, long sentNanos, CompletableFuture<Duration> future) {
    }

    /** The loop that serves this connection. */
    final IoLoop loop;
    final Outbound out;
    /** The connection's settings (shared with every connection that has the same; read where needed). */
    final ConnectionSettings settings;
    /** Control frames posted and not yet encoded; made on first use (most connections never send one). */
    private volatile ConcurrentLinkedQueue<Control> pendingControl;
    /**
     * Queued outbound bytes below which every ping gets its own pong, whether or not an earlier pong is written yet:
     * room for a burst of pings with full payloads (Autobahn's case 2.10 sends ten at once and expects ten pongs).
     */
    static final int PONG_BACKLOG_BYTES = 4096;

    /** Our pings waiting for their pong; made on first use. */
    private volatile ConcurrentLinkedQueue<PendingPing> pings;
    /** The payload of the pong answering the peer's latest ping, encoded once the one before is written, or null. */
    private volatile byte[] pong;

    /** Whether a fragmented message of ours is under way, so that no whole message may go now (send lock held). */
    private boolean midMessage;
    /** Broadcasts missed in a row because the outbound queue was over its limit (send lock held). */
    private int broadcastSkips;

    /** What became of one broadcast message on this connection ({@link #offer}). */
    enum Offer {
        /** Queued. */
        QUEUED,
        /** Not queued: the outbound queue is over its limit; the connection stays open. */
        SKIPPED,
        /** Not queued: the outbound queue is over its limit, and the connection missed too many in a row. */
        CLOSE,
        /** Not queued: a fragmented message of ours is under way, or the variant cannot carry the message. */
        CANNOT,
        /** Not queued: closing or closed. */
        NOT_OPEN
    }

    ConnectionSender(ConnectionInfo info, FrameEngine engine, IoLoop loop, Transport transport,
            ConnectionSettings settings) {
        super(info, engine);
        this.loop = loop;
        this.settings = settings;
        this.out = new Outbound(transport, this); // keeps the owner, calls it later
    }

    /** The send lock (held to encode and queue frames): the outbound queue, which extends it to save an object. */
    final SendLock sendLock() {
        return out;
    }

    /** Whether sends fail now: closing or closed (any thread). */
    abstract boolean sendsRefused();

    /** Whether the connection released its socket (any thread). */
    abstract boolean isTerminated();

    /** What a send that is refused throws. */
    abstract ConnectionClosedException closedException();

    /** Completes a stage without running its dependents on the I/O thread. */
    abstract <T> void complete(CompletableFuture<T> f, T value, Throwable error);

    /** What remains of {@code b}, copied. */
    static byte[] copy(ByteBuffer b) {
        int n = b.remaining();
        if (n == 0) {
            return InboundQueue.EMPTY;
        }
        byte[] a = new byte[n];
        b.get(a);
        return a;
    }

    /** A pong arrived at {@code now} (loop thread): completes the ping of ours it answers, if any. */
    final void pongReceived(byte[] data, long now) {
        ConcurrentLinkedQueue<PendingPing> pings = this.pings;
        for (Iterator<PendingPing> it = pings == null ? null : pings.iterator(); it != null && it.hasNext();) {
            PendingPing p = it.next();
            if (Arrays.equals(p.payload, data)) {
                it.remove();
                complete(p.future, Duration.ofNanos(now - p.sentNanos), null);
                break;
            }
        }
    }

    /** The connection ended (loop thread): pings waiting fail with {@code ex}, posted control frames are dropped. */
    final void sendingEnded(ConnectionClosedException ex) {
        ConcurrentLinkedQueue<PendingPing> pings = this.pings;
        for (PendingPing p; pings != null && (p = pings.poll()) != null;) {
            complete(p.future, null, ex);
        }
        ConcurrentLinkedQueue<Control> controls = pendingControl;
        if (controls != null) {
            controls.clear();
        }
        pong = null;
    }

    /**
     * Answers the peer's ping with a pong (loop thread): the pong waiting to be encoded, if any, takes this payload
     * instead, and it is encoded once no earlier pong waits to be written.
     */
    final void answerPing(byte[] payload) {
        pong = payload;
        drainControl();
    }

    @Override
    public final int outboundQueueLimit() {
        return settings.outboundQueueLimit();
    }

    @Override
    public final void pongWritten() {
        if (pong != null) {
            drainControl();
        }
    }

    /**
     * Posts a control frame; it is encoded by whichever thread holds the send lock next (maybe this one), at once and
     * with no queue made when nothing was posted before it and the lock is free (a keepalive ping).
     */
    final void queueControl(Control c) {
        ConcurrentLinkedQueue<Control> q = pendingControl;
        if ((q == null || q.isEmpty()) && sendLock().tryLock()) {
            try {
                encodeControls(); // a pong, or a frame posted meanwhile, goes first
                encodeControl(c);
            } finally {
                unlockSend();
            }
            return;
        }
        if (q == null) {
            PENDING_CONTROL.compareAndSet(this, null, new ConcurrentLinkedQueue<Control>());
            q = pendingControl;
        }
        q.add(c);
        drainControl();
    }

    private boolean hasPendingControl() {
        ConcurrentLinkedQueue<Control> q = pendingControl;
        return (q != null && !q.isEmpty()) || (pong != null && pongMayGo());
    }

    private void drainControl() {
        while (hasPendingControl() && sendLock().tryLock()) {
            try {
                encodeControls();
            } finally {
                sendLock().unlock();
            }
        }
    }

    /** Releases the send lock, then encodes control frames posted meanwhile. */
    final void unlockSend() {
        sendLock().unlock();
        if (hasPendingControl()) {
            drainControl();
        }
    }

    /** Whether the waiting pong may be encoded now: no earlier pong is unwritten, or little waits in the queue. */
    private boolean pongMayGo() {
        return !out.pongUnwritten() || out.queuedBytes() < PONG_BACKLOG_BYTES;
    }

    /**
     * Encodes the pong that waits, unless earlier pongs and more are still unwritten ({@link #pongMayGo}), then the
     * posted control frames.
     */
    private void encodeControls() {
        if (pong != null && pongMayGo()) {
            byte[] payload = (byte[]) PONG.getAndSet(this, (byte[]) null);
            if (payload != null) {
                encodeControl(new Control(ControlKind.PONG, payload, 0, null));
                out.pongQueued();
            }
        }
        ConcurrentLinkedQueue<Control> controls = pendingControl;
        for (Control c; controls != null && (c = controls.poll()) != null;) {
            encodeControl(c);
        }
    }

    /** Encodes and queues one control frame (send lock held). */
    private void encodeControl(Control c) {
        if (isTerminated() || engine.outputClosed()) {
            return; // nothing may follow a close frame
        }
        ByteBuffer b = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
        try {
            switch (c.kind) {
                case PING -> engine.encodePing(ByteBuffer.wrap(c.payload), b);
                case PONG -> engine.encodePong(ByteBuffer.wrap(c.payload), b);
                case CLOSE -> engine.encodeClose(c.code, c.reason, b);
            }
            b.flip();
            out.enqueue(b, null, c.kind == ControlKind.CLOSE);
            if (c.kind != ControlKind.CLOSE) {
                loop.meters.count(c.kind == ControlKind.PING ? LoopMeters.PINGS_OUT : LoopMeters.PONGS_OUT);
            }
        } catch (IOException | RuntimeException e) {
            Logs.CONNECTION.log(Level.DEBUG, () -> Logs.about(this, "control frame not sent"), e);
        }
    }

    /**
     * Encodes and queues one data frame.
     *
     * @param done   completed when written (async: refused while the queue is over its limit), or {@code null}
     *               (blocking: waits while the queue is over its limit, at most the send timeout)
     */
    private void sendData(PayloadType type, boolean last, ByteBuffer payload, CompletableFuture<Void> done)
            throws IOException {
        if (payload.remaining() > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("payload too large");
        }
        int bytes = payload.remaining();
        if (done == null && !loop.inLoop()) {
            out.awaitSpace(Durations.nanos(settings.sendTimeout()));
        }
        sendLock().lock();
        try {
            if (sendsRefused()) {
                throw closedException();
            }
            if (done != null && out.overLimit()) {
                throw new OutboundQueueFullException("outbound queue over its limit of " + settings.outboundQueueLimit()
                        + " bytes: asynchronous send refused");
            }
            int length = engine.frameLength(payload.remaining());
            ByteBuffer batch = length <= Outbound.BATCH_MAX ? out.batchRoom(length) : null;
            if (batch != null) {
                // encoded in place into the batch's direct buffer: no buffer of its own, no copy later
                int start = batch.position();
                try {
                    engine.encodeData(type, last, payload, batch);
                } catch (RuntimeException e) {
                    batch.position(start);
                    throw e;
                }
                midMessage = !last;
                out.batchAppended(batch.position() - start, done);
                loop.meters.data(LoopMeters.MESSAGES_OUT, LoopMeters.BYTES_OUT, bytes, last);
                return;
            }
            if (length > FrameBuffers.MIN_FRAME && queuedLent(type, last, payload, done)) {
                midMessage = !last;
                loop.meters.data(LoopMeters.MESSAGES_OUT, LoopMeters.BYTES_OUT, bytes, last);
                return;
            }
            ByteBuffer frame = FrameBuffers.take(length);
            if (frame == null) {
                frame = ByteBuffer.allocate(length);
            }
            engine.encodeData(type, last, payload, frame);
            midMessage = !last;
            frame.flip();
            out.enqueue(frame, done, false);
            loop.meters.data(LoopMeters.MESSAGES_OUT, LoopMeters.BYTES_OUT, bytes, last);
        } finally {
            unlockSend();
        }
    }

    /**
     * Queues a payload in an array the loop lent to the running callback, behind its header alone, written from that
     * array (no copy), if the engine sends it unchanged (a server without an extension; a client masks, so copies);
     * the array goes back to the loop once written. Returns whether it was queued so (if not, nothing changed).
     */
    private boolean queuedLent(PayloadType type, boolean last, ByteBuffer payload, CompletableFuture<Void> done)
            throws IOException {
        if (!payload.hasArray() || !loop.inLoop()) {
            return false;
        }
        LentArrays lent = loop.lentArraysIfAny();
        byte[] array = payload.array();
        if (lent == null || !lent.lentNow(array)) {
            return false;
        }
        int n = payload.remaining();
        ByteBuffer header = ByteBuffer.allocate(engine.frameLength(n) - n);
        if (engine.encodeDataHeader(type, last, n, header) < 0) {
            return false;
        }
        lent.claim(array);
        out.enqueueLent(header.flip(), payload, array, done);
        return true;
    }

    /** A payload queued from a lent array was written: the array goes back to this loop's arrays (on its thread). */
    @Override
    public final void lentWritten(byte[] array) {
        if (loop.inLoop()) {
            loop.lentArrays().give(array);
        }
    }

    /**
     * The frame this connection makes of one whole message, encoded here and not queued, for a broadcast to share
     * with connections whose engines encode alike; {@code null} if another thread holds the send lock this moment, or
     * the connection cannot take the message now (closing, in the middle of a fragmented message, or a payload type
     * its variant cannot carry). Never waits (any thread). Only for {@link ConnectionInfo#plainFrames}: encoding a
     * whole message without an extension leaves the engine as it was.
     */
    final ByteBuffer encodeAlone(PayloadType type, ByteBuffer payload) {
        if (!sendLock().tryLock()) {
            return null;
        }
        try {
            return sendsRefused() || !canTakeWhole(type) ? null : encodeWhole(type, payload);
        } catch (RuntimeException e) {
            return null;
        } finally {
            unlockSend();
        }
    }

    /**
     * Queues one whole message of a broadcast if the connection can take it now: not while closing
     * ({@link Offer#NOT_OPEN}), in the middle of a fragmented message or for a payload type its variant cannot carry
     * ({@link Offer#CANNOT}), nor with the outbound queue over its limit (then {@link Offer#SKIPPED}, or
     * {@link Offer#CLOSE} once {@code closeAfter} broadcasts in a row were missed; the caller closes it). Waits for the
     * send lock, which others hold only while they encode a frame, never while the peer is slow.
     *
     * @param type       {@link PayloadType#TEXT} or {@link PayloadType#BINARY}
     * @param payload    the message (its remaining bytes; not moved)
     * @param frame      the frame this connection's engine makes of the message, encoded once for many connections
     *                   and never changed (the queue gets a view of it), or {@code null} to encode it here
     * @param closeAfter how many broadcasts in a row may be missed before {@link Offer#CLOSE}; 0: never
     */
    final Offer offer(PayloadType type, ByteBuffer payload, ByteBuffer frame, int closeAfter) {
        sendLock().lock();
        try {
            if (sendsRefused()) {
                return Offer.NOT_OPEN;
            }
            if (!canTakeWhole(type)) {
                return Offer.CANNOT;
            }
            if (out.overLimit()) {
                broadcastSkips = broadcastSkips == Integer.MAX_VALUE ? broadcastSkips : broadcastSkips + 1;
                return closeAfter > 0 && broadcastSkips >= closeAfter ? Offer.CLOSE : Offer.SKIPPED;
            }
            // a heap buffer either way: never given to a buffer pool when written
            out.enqueue(frame != null ? frame.duplicate() : encodeWhole(type, payload), null, false);
            broadcastSkips = 0;
            return Offer.QUEUED;
        } catch (IOException | RuntimeException e) {
            return sendsRefused() ? Offer.NOT_OPEN : Offer.CANNOT;
        } finally {
            unlockSend();
        }
    }

    /** Whether a whole message of {@code type} may go now: no fragmented message of ours is under way (lock held). */
    private boolean canTakeWhole(PayloadType type) {
        return !midMessage && (type != PayloadType.BINARY || engine.supportsPayloadType(MessageType.BINARY));
    }

    /** One whole message as a frame of this connection's engine, in a heap buffer of its own (lock held). */
    private ByteBuffer encodeWhole(PayloadType type, ByteBuffer payload) {
        ByteBuffer f = ByteBuffer.allocate(engine.frameLength(payload.remaining()));
        engine.encodeData(type, true, payload.duplicate(), f);
        return f.flip();
    }

    @Override
    public void sendText(CharSequence text) throws IOException {
        if (loop.inLoop()) {
            ByteBuffer ascii = loop.asciiText(text); // a non-blocking listener answering: no array per message
            if (ascii != null) {
                sendData(PayloadType.TEXT, true, ascii, null);
                return;
            }
        }
        byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
        sendData(PayloadType.TEXT, true, ByteBuffer.wrap(b), null);
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        checkBinary();
        sendData(PayloadType.BINARY, true, data.duplicate(), null);
    }

    @Override
    public CompletionStage<Void> sendTextAsync(CharSequence text) {
        CompletableFuture<Void> f = new SendFuture(out);
        try {
            byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
            sendData(PayloadType.TEXT, true, ByteBuffer.wrap(b), f);
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    @Override
    public CompletionStage<Void> sendBinaryAsync(ByteBuffer data) {
        CompletableFuture<Void> f = new SendFuture(out);
        try {
            checkBinary();
            sendData(PayloadType.BINARY, true, data.duplicate(), f);
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    private void checkBinary() {
        if (!engine.supportsPayloadType(MessageType.BINARY)) {
            throw new UnsupportedOperationException("the " + info.variant + " variant cannot send binary messages");
        }
    }

    @Override
    public void sendFragment(PayloadType type, ByteBuffer payload, boolean finalFragment) throws IOException {
        if (!engine.supportsFragmentation()) {
            throw new UnsupportedOperationException("the " + info.variant
                    + " variant does not support fragmented messages");
        }
        sendData(type, finalFragment, payload.duplicate(), null);
    }

    @Override
    public void sendStream(InputStream in, MessageType type) throws IOException {
        PayloadType first = type == MessageType.TEXT ? PayloadType.TEXT : PayloadType.BINARY;
        if (type == MessageType.BINARY) {
            checkBinary();
        }
        if (!engine.supportsFragmentation()) {
            sendData(first, true, ByteBuffer.wrap(in.readAllBytes()), null);
            return;
        }
        MessageStreams.sendInFragments(in, first, settings.streamFragmentSize(), this::sendFragmentChecked);
    }

    @Override
    public OutputStream openBinaryStream() throws IOException {
        checkBinary();
        if (!engine.supportsFragmentation()) {
            throw new UnsupportedOperationException("the " + info.variant
                    + " variant does not support fragmented messages");
        }
        checkOpen();
        return new MessageStreams.FragmentOutputStream(this::sendFragmentChecked, PayloadType.BINARY,
                settings.streamFragmentSize());
    }

    @Override
    public Writer openTextWriter() throws IOException {
        checkOpen();
        if (!engine.supportsFragmentation()) {
            return new MessageStreams.TextWriter(
                    new MessageStreams.WholeMessageStream(this::sendFragmentChecked, PayloadType.TEXT), false);
        }
        return new MessageStreams.TextWriter(new MessageStreams.FragmentOutputStream(this::sendFragmentChecked,
                PayloadType.TEXT, settings.streamFragmentSize()), true);
    }

    private void sendFragmentChecked(PayloadType type, ByteBuffer payload, boolean last) throws IOException {
        sendData(type, last, payload, null);
    }

    private void checkOpen() throws ConnectionClosedException {
        if (sendsRefused()) {
            throw closedException();
        }
    }

    @Override
    public int streamFragmentSize() {
        return settings.streamFragmentSize();
    }

    @Override
    public CompletionStage<Duration> ping(ByteBuffer data) throws IOException {
        if (!engine.supportsPing()) {
            throw new UnsupportedOperationException("the " + info.variant + " variant has no ping");
        }
        if (data.remaining() > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("ping data longer than " + MAX_CONTROL_PAYLOAD + " bytes");
        }
        checkOpen();
        byte[] payload = copy(data.duplicate());
        CompletableFuture<Duration> f = new CompletableFuture<>();
        ConcurrentLinkedQueue<PendingPing> pings = this.pings;
        if (pings == null) {
            PINGS.compareAndSet(this, null, new ConcurrentLinkedQueue<PendingPing>());
            pings = this.pings;
        }
        pings.add(new PendingPing(payload, loop.clock(), f));
        queueControl(new Control(ControlKind.PING, payload, 0, null));
        if (isTerminated()) {
            // terminate() may have run before the ping was listed
            pings.removeIf(p -> p.future == f);
            complete(f, null, closedException());
        }
        return f;
    }

    @Override
    public void pong(ByteBuffer data) throws IOException {
        if (!engine.supportsPing()) {
            throw new UnsupportedOperationException("the " + info.variant + " variant has no pong");
        }
        if (data.remaining() > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("pong data longer than " + MAX_CONTROL_PAYLOAD + " bytes");
        }
        checkOpen();
        queueControl(new Control(ControlKind.PONG, copy(data.duplicate()), 0, null));
    }
}
