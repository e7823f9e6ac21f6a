package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import net.websocket.api.ConnectionSettings;

import net.websocket.runtime.internal.Liveness.Check;

/** The idle timeout and keepalive, tick by tick on a made-up clock. */
class LivenessTest {

    /** Any start: the clock may be anywhere, even near the wrap of a long. */
    private static final long T0 = Long.MAX_VALUE - 5_000;
    private static final long IDLE = 1_000;
    private static final long INTERVAL = 300;
    private static final long PONG = 100;

    private static final long WRITE = 500;

    /** Settings with these timeouts (nanoseconds; 0 turns the idle timeout or keepalive off), no write timeout. */
    private static Liveness liveness(long idle, long interval, long pong, boolean canPing) {
        return liveness(idle, interval, pong, 0, canPing);
    }

    /** Settings with these timeouts (nanoseconds; 0 turns the idle timeout, keepalive or write timeout off). */
    private static Liveness liveness(long idle, long interval, long pong, long write, boolean canPing) {
        ConnectionSettings.Builder b = ConnectionSettings.builder().idleTimeout(Duration.ofNanos(idle))
                .pingInterval(Duration.ofNanos(interval)).writeTimeout(Duration.ofNanos(write));
        if (pong > 0) {
            b.pongTimeout(Duration.ofNanos(pong));
        }
        return new Liveness(b.build(), canPing);
    }

    private static Liveness idleOnly() {
        Liveness l = liveness(IDLE, 0, 0, true);
        l.start(T0, 0);
        return l;
    }

    private static Liveness keepaliveOnly() {
        Liveness l = liveness(0, INTERVAL, PONG, true);
        l.start(T0, 0);
        return l;
    }

    /** Runs the keepalive check as the connection does: only when due; nothing of ours waits for the peer. */
    private static Check keepalive(Liveness l, long now, boolean paused, long written) {
        return keepalive(l, now, paused, written, 0);
    }

    /** Runs the keepalive check as the connection does, with {@code queued} bytes of ours waiting for the peer. */
    private static Check keepalive(Liveness l, long now, boolean paused, long written, long queued) {
        return l.keepaliveDue(now) ? l.checkKeepalive(now, paused, written, queued, PING_FRAME) : Check.NONE;
    }

    private static Liveness writeOnly() {
        Liveness l = liveness(0, 0, 0, WRITE, true);
        l.start(T0, 0);
        return l;
    }

    /** A server's keepalive ping on the wire: two header bytes and the 8-byte payload. */
    private static final int PING_FRAME = 10;

    @Test
    void thePingsOwnBytesAreNoSignOfLifeSoASilentPeerGoesAtIntervalPlusPongTimeout() {
        Liveness l = keepaliveOnly();
        long written = 500;
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, written));
        written += PING_FRAME; // the ping went out; the peer said nothing
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + PONG - 1, false, written));
        assertEquals(Check.PING_TIMEOUT, keepalive(l, T0 + INTERVAL + PONG, false, written));
    }

    @Test
    void aPeerThatTakesNothingAtAllGoesAtIntervalPlusPongTimeout() {
        Liveness l = keepaliveOnly();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 500)); // the ping waits behind a full socket
        assertEquals(Check.PING_TIMEOUT, keepalive(l, T0 + INTERVAL + PONG, false, 500));
    }

    @Test
    void nothingIsCheckedWithoutTimeouts() {
        assertFalse(liveness(0, 0, 0, true).armed());
        assertFalse(liveness(0, INTERVAL, PONG, false).armed(), "no keepalive for a variant without pings");
        assertTrue(liveness(IDLE, 0, 0, false).armed());
    }

    @Test
    void idleFiresAtExactlyTheTimeoutAndNotBefore() {
        Liveness l = idleOnly();
        assertEquals(T0 + IDLE, l.nextDue());
        assertEquals(Check.NONE, l.checkIdle(T0 + IDLE - 1, false));
        assertEquals(T0 + IDLE, l.nextDue());
        assertEquals(Check.IDLE, l.checkIdle(T0 + IDLE, false));
        assertEquals(T0 + 2 * IDLE, l.nextDue(), "fires once per idle timeout: the connection is closing meanwhile");
        assertEquals(Check.NONE, l.checkIdle(T0 + 2 * IDLE - 1, false));
    }

    @Test
    void aFrameOfThePeersResetsTheIdleTimeout() {
        Liveness l = idleOnly();
        l.read(T0 + 600);
        l.activity();
        assertEquals(Check.NONE, l.checkIdle(T0 + IDLE, false));
        assertEquals(T0 + 600 + IDLE, l.nextDue());
        assertEquals(Check.NONE, l.checkIdle(T0 + 600 + IDLE - 1, false));
        assertEquals(Check.IDLE, l.checkIdle(T0 + 600 + IDLE, false));
    }

    @Test
    void bytesThatAreNotAFrameOfThePeersOwnDoNotResetTheIdleTimeout() {
        Liveness l = idleOnly();
        l.read(T0 + 600); // e.g. the pong to our keepalive ping
        assertEquals(Check.IDLE, l.checkIdle(T0 + IDLE, false));
    }

    @Test
    void timeWhileWeAreNotReadingDoesNotCountAsIdle() {
        Liveness l = idleOnly();
        assertEquals(Check.NONE, l.checkIdle(T0 + 900, true));
        assertEquals(T0 + 900 + IDLE, l.nextDue(), "the peer counts as active while we do not read");
        assertEquals(Check.NONE, l.checkIdle(T0 + IDLE, false));
        assertEquals(Check.NONE, l.checkIdle(T0 + 900 + IDLE - 1, false));
        assertEquals(Check.IDLE, l.checkIdle(T0 + 900 + IDLE, false));
    }

    @Test
    void aPingGoesOutAtTheIntervalAndTheConnectionIsDroppedAtIntervalPlusPongTimeout() {
        Liveness l = keepaliveOnly();
        assertEquals(T0 + INTERVAL, l.nextDue());
        assertFalse(l.keepaliveDue(T0 + INTERVAL - 1));
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 0));
        assertNotNull(l.pingPayload());
        assertEquals(Long.BYTES, l.pingPayload().length);
        assertTrue(l.awaitingPong());
        assertEquals(T0 + INTERVAL + PONG, l.nextDue());
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + PONG - 1, false, 0));
        assertEquals(Check.PING_TIMEOUT, keepalive(l, T0 + INTERVAL + PONG, false, 0));
        assertFalse(l.armed());
    }

    @Test
    void aReadPutsThePingOff() {
        Liveness l = keepaliveOnly();
        l.read(T0 + 200);
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL, false, 0));
        assertEquals(T0 + 200 + INTERVAL, l.nextDue());
        assertEquals(Check.NONE, keepalive(l, T0 + 200 + INTERVAL - 1, false, 0));
        assertEquals(Check.PING, keepalive(l, T0 + 200 + INTERVAL, false, 0));
    }

    @Test
    void thePongToOurPingIsALifeSignButNotActivity() {
        Liveness l = liveness(IDLE, INTERVAL, PONG, true);
        l.start(T0, 0);
        assertEquals(Check.NONE, l.checkIdle(T0 + INTERVAL, false));
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 0));
        byte[] ping = l.pingPayload().clone();
        l.read(T0 + INTERVAL + 50);
        assertFalse(l.pong(new byte[] {1, 2}), "a pong of someone else's ping is the application's");
        assertTrue(l.pong(ping));
        assertFalse(l.awaitingPong());
        assertFalse(l.pong(ping), "answered once");
        // the next ping is due an interval after the pong arrived
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + PONG, false, 0));
        assertEquals(T0 + INTERVAL + 50 + INTERVAL, l.nextDue());
        // the pong is no activity: the idle timeout still runs from the start
        assertEquals(Check.NONE, l.checkIdle(T0 + IDLE - 1, false));
        assertEquals(Check.IDLE, l.checkIdle(T0 + IDLE, false));
    }

    @Test
    void anyReadEndsTheWaitForThePong() {
        Liveness l = keepaliveOnly();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 0));
        l.read(T0 + INTERVAL + 10); // a data frame, say: the pong may still come
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + PONG, false, 0));
        assertFalse(l.awaitingPong());
        assertEquals(T0 + INTERVAL + 10 + INTERVAL, l.nextDue());
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL + 10 + INTERVAL, false, 0));
    }

    @Test
    void aPeerStillTakingOurBytesIsAlive() {
        Liveness l = keepaliveOnly();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 1_000));
        long t = T0 + INTERVAL + PONG;
        assertEquals(Check.NONE, keepalive(l, t, false, 1_500), "the peer took 500 bytes: the wait starts again");
        assertEquals(t + PONG, l.nextDue());
        assertEquals(Check.NONE, keepalive(l, t + PONG - 1, false, 1_500));
        assertEquals(Check.PING_TIMEOUT, keepalive(l, t + PONG, false, 1_500));
    }

    /** Keepalive and a write timeout longer than the pong timeout, as by default (15 s and 30 s). */
    private static Liveness keepaliveAndWrite() {
        Liveness l = liveness(0, INTERVAL, PONG, WRITE, true);
        l.start(T0, 0);
        return l;
    }

    @Test
    void aPingBehindBytesTheTransportTookWaitsTheWriteTimeoutForThePeerMayStillBeReadingThem() {
        // a big echo all taken by the socket (or a container) before the ping: it may wait unread in the buffers
        // between us and the peer, which answers the ping only once it has read through it
        Liveness l = keepaliveAndWrite();
        long written = 16_000_000;
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, written));
        written += PING_FRAME; // the ping went out behind it; nothing more to take
        assertEquals(T0 + INTERVAL + PONG, l.nextDue(), "checked at the pong timeout");
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + PONG, false, written), "not dropped there");
        // then checked in steps of the pong timeout (a read does not move the timer), the last at the write timeout
        for (long t = T0 + INTERVAL + 2 * PONG; t < T0 + INTERVAL + WRITE; t += PONG) {
            assertEquals(t, l.nextDue());
            assertEquals(Check.NONE, keepalive(l, t, false, written));
        }
        assertEquals(T0 + INTERVAL + WRITE, l.nextDue());
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + WRITE - 1, false, written));
        assertEquals(Check.PING_TIMEOUT, keepalive(l, T0 + INTERVAL + WRITE, false, written),
                "but a dead one still goes, a write timeout after the ping");
    }

    @Test
    void behindOurBytesTheLastStepEndsAtTheWriteTimeout() {
        Liveness l = liveness(0, INTERVAL, 2 * PONG, 3 * PONG, true); // the write timeout is no multiple of the step
        l.start(T0, 0);
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 1_000_000));
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + 2 * PONG, false, 1_000_010));
        assertEquals(T0 + INTERVAL + 3 * PONG, l.nextDue());
        assertEquals(Check.PING_TIMEOUT, keepalive(l, T0 + INTERVAL + 3 * PONG, false, 1_000_010));
    }

    @Test
    void theHandshakesBytesAreNoDataToWaitBehind() {
        Liveness l = liveness(0, INTERVAL, PONG, WRITE, true);
        l.start(T0, 129); // the 101 response
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 129));
        assertEquals(Check.PING_TIMEOUT, keepalive(l, T0 + INTERVAL + PONG, false, 129 + PING_FRAME));
    }

    @Test
    void aPongAfterAStepLeavesTheNextPingDueAnIntervalLater() {
        Liveness l = keepaliveAndWrite();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 16_000_000));
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + PONG, false, 16_000_010));
        l.read(T0 + INTERVAL + PONG + 5);
        assertTrue(l.pong(l.pingPayload()));
        assertEquals(T0 + INTERVAL + PONG + 5 + INTERVAL, l.nextDue());
    }

    @Test
    void aSlowPeerThatAnswersAfterReadingThroughOurBytesIsKept() {
        Liveness l = keepaliveAndWrite();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 16_000_000));
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + PONG, false, 16_000_010));
        l.read(T0 + INTERVAL + WRITE - 1); // its pong, after the pong timeout, within the write timeout
        assertTrue(l.pong(l.pingPayload()));
        assertFalse(l.awaitingPong());
        assertEquals(T0 + INTERVAL + WRITE - 1 + INTERVAL, l.nextDue(), "the next ping an interval later");
    }

    @Test
    void aPingAfterAnIntervalInWhichTheTransportTookNothingWaitsThePongTimeoutOnly() {
        Liveness l = keepaliveAndWrite();
        long written = 16_000_000;
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, written));
        written += PING_FRAME;
        long answered = T0 + INTERVAL + 10;
        l.read(answered);
        assertTrue(l.pong(l.pingPayload()));
        // nothing of ours taken since that check but the ping: the next ping waits the pong timeout
        assertEquals(Check.PING, keepalive(l, answered + INTERVAL, false, written));
        assertEquals(answered + INTERVAL + PONG, l.nextDue());
        assertEquals(Check.PING_TIMEOUT, keepalive(l, answered + INTERVAL + PONG, false, written + PING_FRAME));
    }

    @Test
    void bytesStillQueuedThatThePeerDoesNotTakeAreNoExcuse() {
        Liveness l = keepaliveAndWrite();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 0, 64_000));
        assertEquals(T0 + INTERVAL + PONG, l.nextDue());
        assertEquals(Check.PING_TIMEOUT, keepalive(l, T0 + INTERVAL + PONG, true, 0, 64_010));
    }

    @Test
    void aPeerThatTakesOurBytesDuringTheWaitGetsTheWriteTimeoutFromTheLastProgress() {
        Liveness l = keepaliveAndWrite();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 0), "nothing of ours before: the pong timeout");
        assertEquals(T0 + INTERVAL + PONG, l.nextDue());
        long t = T0 + INTERVAL + PONG;
        assertEquals(Check.NONE, keepalive(l, t, false, 1_000_000), "it took a megabyte meanwhile");
        for (long c = t + PONG; c < t + WRITE; c += PONG) {
            assertEquals(Check.NONE, keepalive(l, c, false, 1_000_000), "which it may still be reading");
        }
        assertEquals(Check.PING_TIMEOUT, keepalive(l, t + WRITE, false, 1_000_000));
    }

    @Test
    void behindOurBytesTheWaitIsStillThePongTimeoutWhenItIsTheLonger() {
        Liveness l = liveness(0, INTERVAL, 2 * WRITE, WRITE, true);
        l.start(T0, 0);
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 16_000_000));
        assertEquals(T0 + INTERVAL + 2 * WRITE, l.nextDue());
        assertEquals(Check.PING_TIMEOUT, keepalive(l, T0 + INTERVAL + 2 * WRITE, false, 16_000_010));
    }

    @Test
    void timeWhileWeAreNotReadingDoesNotCountAgainstThePong() {
        Liveness l = keepaliveOnly();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 0));
        long t = T0 + INTERVAL + PONG;
        assertEquals(Check.NONE, keepalive(l, t, true, 0));
        assertEquals(t + PONG, l.nextDue());
        assertEquals(Check.PING_TIMEOUT, keepalive(l, t + PONG, false, 0));
    }

    @Test
    void eachPingHasItsOwnPayload() {
        Liveness l = keepaliveOnly();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 0));
        byte[] first = l.pingPayload().clone();
        assertTrue(l.pong(first));
        l.read(T0 + INTERVAL + 1);
        assertEquals(Check.PING, keepalive(l, T0 + 2 * INTERVAL + 1, false, 0));
        assertFalse(Arrays.equals(first, l.pingPayload()));
        assertFalse(l.pong(first), "a late answer to an old ping is not the answer to this one");
    }

    @Test
    void theCheckTimeIsTheEarlierOfIdleAndKeepalive() {
        Liveness l = liveness(IDLE, INTERVAL, PONG, true);
        l.start(T0, 0);
        assertEquals(T0 + INTERVAL, l.nextDue());
        assertEquals(Check.NONE, l.checkIdle(T0 + INTERVAL, false));
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, false, 0));
        assertEquals(T0 + INTERVAL + PONG, l.nextDue());
        l.stopKeepalive(); // closing: only the idle timeout is left
        assertTrue(l.armed());
        assertEquals(T0 + IDLE, l.nextDue());
        assertFalse(l.keepaliveDue(T0 + 10 * IDLE));
        assertEquals(Check.IDLE, l.checkIdle(T0 + IDLE, false));
        assertEquals(T0 + 2 * IDLE, l.nextDue());
    }

    @Test
    void aPongOfZerosIsNotTheAnswerToAPingNeverSent() {
        Liveness l = liveness(IDLE, 0, 0, true); // keepalive off
        l.start(T0, 0);
        assertFalse(l.pong(new byte[Long.BYTES]), "the application's");
        assertFalse(l.awaitingPong());
        assertFalse(l.keepaliveDue(T0 + 100 * IDLE));
    }

    // ------------------------------------------------------------------------ who is not reading, write timeout

    @Test
    void pausedBecauseThePeerDoesNotTakeOurBytesIsNoExcuseSoAPingThatCannotBeWrittenIsMissed() {
        Liveness l = keepaliveOnly();
        // the peer reads nothing: our echoes fill the queue, so we stopped reading it; the ping waits behind them
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, true, 500, 64_000));
        assertEquals(Check.NONE, keepalive(l, T0 + INTERVAL + PONG - 1, true, 500, 64_010));
        assertEquals(Check.PING_TIMEOUT, keepalive(l, T0 + INTERVAL + PONG, true, 500, 64_010),
                "the pause is the peer's doing: dropped at interval + pong timeout");
    }

    @Test
    void pausedWithNothingOfOursWaitingIsOursAndExcusesThePeer() {
        Liveness l = keepaliveOnly();
        assertEquals(Check.PING, keepalive(l, T0 + INTERVAL, true, 500, 0));
        long t = T0 + INTERVAL + PONG;
        assertEquals(Check.NONE, keepalive(l, t, true, 510, 0), "the endpoint is behind: the wait starts again");
        assertEquals(t + PONG, l.nextDue());
    }

    @Test
    void aPeerThatTakesNoneOfOurBytesIsDroppedAtTheWriteTimeout() {
        Liveness l = writeOnly();
        assertFalse(l.armed(), "nothing waits: nothing to check");
        assertTrue(l.writeWaiting(T0 + 10, 1_000), "the socket took less than we had: the watch starts");
        assertTrue(l.armed());
        assertEquals(T0 + 10 + WRITE, l.nextDue());
        assertFalse(l.writeWaiting(T0 + 20, 1_000), "already watched: the start stays");
        assertEquals(Check.NONE, l.checkWrite(T0 + 10 + WRITE - 1, 1_000, 64_000));
        assertEquals(Check.WRITE_TIMEOUT, l.checkWrite(T0 + 10 + WRITE, 1_000, 64_000));
        assertFalse(l.armed(), "fires once");
    }

    @Test
    void anyByteTakenStartsTheWriteTimeoutAnew() {
        Liveness l = writeOnly();
        l.writeWaiting(T0, 1_000);
        assertEquals(Check.NONE, l.checkWrite(T0 + WRITE, 1_001, 64_000), "one byte taken is progress");
        assertEquals(T0 + 2 * WRITE, l.nextDue());
        assertEquals(Check.NONE, l.checkWrite(T0 + 2 * WRITE - 1, 1_001, 64_000));
        assertEquals(Check.WRITE_TIMEOUT, l.checkWrite(T0 + 2 * WRITE, 1_001, 64_000));
    }

    @Test
    void anEmptyQueueEndsTheWatchAndALaterCheckStartsItAgain() {
        Liveness l = writeOnly();
        l.writeWaiting(T0, 1_000);
        assertEquals(Check.NONE, l.checkWrite(T0 + WRITE, 1_000, 0), "nothing waits any more");
        assertFalse(l.armed(), "nothing held for an idle connection");
        assertEquals(Check.NONE, l.checkWrite(T0 + 2 * WRITE, 2_000, 10), "bytes wait again: watched from now");
        assertEquals(T0 + 3 * WRITE, l.nextDue());
        assertEquals(Check.WRITE_TIMEOUT, l.checkWrite(T0 + 3 * WRITE, 2_000, 10));
    }

    @Test
    void aZeroWriteTimeoutNeverDrops() {
        Liveness l = liveness(0, 0, 0, 0, true);
        l.start(T0, 0);
        assertFalse(l.writeWaiting(T0, 0));
        assertFalse(l.armed());
        assertEquals(Check.NONE, l.checkWrite(T0 + 1_000_000, 0, 64_000));
        assertFalse(l.armed());
    }

    @Test
    void theCheckTimeIsTheEarliestOfIdleKeepaliveAndWrite() {
        Liveness l = liveness(IDLE, INTERVAL, PONG, WRITE, true);
        l.start(T0, 0);
        assertEquals(T0 + INTERVAL, l.nextDue());
        assertTrue(l.writeWaiting(T0 + 100, 0));
        assertEquals(T0 + INTERVAL, l.nextDue(), "keepalive is due before the write timeout");
        l.stopKeepalive();
        assertEquals(T0 + 100 + WRITE, l.nextDue(), "then the write timeout, before the idle timeout");
        assertEquals(Check.WRITE_TIMEOUT, l.checkWrite(T0 + 100 + WRITE, 0, 10));
        assertEquals(T0 + IDLE, l.nextDue());
    }

    /**
     * The idle timeout changed while open ({@code Connection.setIdleTimeout}): counted from the peer's last frame, a
     * shorter one is due sooner, zero turns it off, a longer one is due later.
     */
    @Test
    void theIdleTimeoutChangesWhileOpen() {
        Liveness l = idleOnly();
        l.read(T0 + 100);
        l.activity();
        l.idleTimeout(Duration.ofNanos(300));
        assertEquals(T0 + 400, l.nextDue(), "shorter: from the last frame");
        assertEquals(Check.NONE, l.checkIdle(T0 + 399, false));
        assertEquals(Check.IDLE, l.checkIdle(T0 + 400, false));

        l.idleTimeout(Duration.ZERO);
        assertFalse(l.armed(), "off");
        assertEquals(Check.NONE, l.checkIdle(T0 + 10 * IDLE, false));

        l.idleTimeout(Duration.ofNanos(2 * IDLE));
        assertTrue(l.armed());
        assertEquals(T0 + 400 + 2 * IDLE, l.nextDue(), "longer: later");
        assertEquals(Check.NONE, l.checkIdle(T0 + 399 + 2 * IDLE, false));
        assertEquals(Check.IDLE, l.checkIdle(T0 + 400 + 2 * IDLE, false));
    }
}
