package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.websocket.api.ConnectionSettings;
import net.websocket.runtime.internal.ClosingHandshake.Phase;
import net.websocket.runtime.internal.ClosingHandshake.Step;

/** The closing handshake, server and client, normal and after protocol errors, tick by tick on a made-up clock. */
class ClosingHandshakeTest {

    private static final long T0 = Long.MAX_VALUE - 50_000; // the clock may be anywhere, even near a wrap
    private static final long TIMEOUT = 1_000;
    private static final long CLIENT_ERROR_LINGER = 300;
    private static final long SERVER_LINGER = 2_000;
    private static final ClosingHandshake.Lingers LINGERS = new ClosingHandshake.Lingers(CLIENT_ERROR_LINGER,
            SERVER_LINGER);

    /** Settings with this close timeout in nanoseconds (0: no limit). */
    private static ConnectionSettings timeout(long closeTimeout) {
        return ConnectionSettings.builder().closeTimeout(Duration.ofNanos(closeTimeout)).build();
    }

    private static ClosingHandshake server(long closeTimeout) {
        return new ClosingHandshake(true, timeout(closeTimeout), LINGERS);
    }

    private static ClosingHandshake client(long closeTimeout) {
        return new ClosingHandshake(false, timeout(closeTimeout), LINGERS);
    }

    /** Asserts that the socket is kept until {@code deadline} and released then. */
    private static void releasedAt(ClosingHandshake c, long deadline) {
        assertTrue(c.hasDeadline());
        assertEquals(deadline, c.deadline());
        assertEquals(Step.NONE, c.tick(deadline - 1));
        assertEquals(Step.TERMINATE, c.tick(deadline));
    }

    @Test
    void anOpenConnectionHasNoDeadline() {
        ClosingHandshake c = server(TIMEOUT);
        assertEquals(Phase.OPEN, c.phase());
        assertFalse(c.hasDeadline());
        assertEquals(Step.NONE, c.tick(T0));
        assertFalse(c.readsToTheEnd());
        assertFalse(c.closeSent());
    }

    @Test
    void ourCloseClaimsTheOneCloseFrame() {
        ClosingHandshake c = client(TIMEOUT);
        assertTrue(c.claimClose());
        assertFalse(c.claimClose(), "one close frame only");
        assertTrue(c.closeSent());
        assertEquals(Phase.CLOSE_SENT, c.phase());
    }

    @Test
    void theClientThatClosesWaitsForTheAnswerThenForTheServerToCloseTcp() {
        ClosingHandshake c = client(TIMEOUT);
        c.claimClose();
        c.closeStarted(T0);
        releasedAt(c, T0 + TIMEOUT);
        assertEquals(Step.WATCH, c.closeFrameWritten(T0 + 10), "keeps reading for the server's close frame");
        c.peerClosed();
        assertTrue(c.closeReceived());
        assertEquals(Step.WATCH, c.bothClosed(T0 + 400, false, true));
        assertEquals(Phase.CLOSING, c.phase());
        assertTrue(c.readsToTheEnd(), "reads on to see the server close");
        releasedAt(c, T0 + TIMEOUT); // the wait is bounded once, from our close, not moved on
        assertEquals(Step.FINISH_OUTPUT, c.endOfInput(true), "the server closed: ours ends too, and then the socket");
    }

    @Test
    void theServerThatClosesShutsItsOutputOnceTheAnswerCameAndItsFrameIsWritten() {
        ClosingHandshake c = server(TIMEOUT);
        c.claimClose();
        c.closeStarted(T0);
        assertEquals(Step.WATCH, c.closeFrameWritten(T0 + 10));
        c.peerClosed();
        assertEquals(Step.SHUT_OUTPUT_AND_DRAIN, c.bothClosed(T0 + 100, false, true));
        assertEquals(Phase.DRAINING, c.phase());
        assertTrue(c.draining());
        assertEquals(Step.NONE, c.closeFrameWritten(T0 + 120), "shut once");
        releasedAt(c, T0 + TIMEOUT); // the close timeout comes before the linger
        assertEquals(Step.TERMINATE, c.endOfInput(true), "the client closed: done");
    }

    @Test
    void theServerAnsweringTheClientsCloseDrainsUntilTheLingerEnds() {
        ClosingHandshake c = server(0); // no close timeout: only the linger bounds the drain
        c.peerClosed();
        assertEquals(Phase.CLOSE_RECEIVED, c.phase());
        c.answerDeferred(T0, false);
        assertFalse(c.answerBounded(), "no close timeout: the answer waits for the endpoint alone");
        assertTrue(c.claimClose());
        assertEquals(Step.WATCH, c.answered(T0 + 50, false), "waits until the close frame is written");
        assertFalse(c.hasDeadline());
        assertEquals(Step.SHUT_OUTPUT_AND_DRAIN, c.closeFrameWritten(T0 + 60));
        releasedAt(c, T0 + 60 + SERVER_LINGER);
    }

    @Test
    void theLingerEndsTheDrainBeforeALongerCloseTimeout() {
        ClosingHandshake c = server(10 * SERVER_LINGER);
        c.peerClosed();
        c.answerDeferred(T0, false);
        c.claimClose();
        assertEquals(Step.SHUT_OUTPUT_AND_DRAIN, c.answered(T0, true));
        releasedAt(c, T0 + SERVER_LINGER);
    }

    @Test
    void theClientAnsweringTheServersCloseWaitsForTheServerToCloseTcp() {
        ClosingHandshake c = client(TIMEOUT);
        c.peerClosed();
        c.answerDeferred(T0, false);
        c.claimClose();
        assertEquals(Step.WATCH, c.answered(T0 + 200, false));
        assertEquals(Phase.CLOSING, c.phase());
        releasedAt(c, T0 + 200 + TIMEOUT);
        assertEquals(Step.WATCH, c.closeFrameWritten(T0 + 210), "the client never shuts its output first");
        assertFalse(c.draining());
    }

    @Test
    void theDeferredAnswerIsBoundedByTheCloseTimeout() {
        ClosingHandshake c = server(TIMEOUT);
        c.peerClosed();
        c.answerDeferred(T0, false);
        assertTrue(c.answerBounded());
        assertEquals(T0 + TIMEOUT, c.answerDeadline());
        assertFalse(c.answerDue(T0 + TIMEOUT - 1));
        assertTrue(c.answerDue(T0 + TIMEOUT));
        assertFalse(c.hasDeadline(), "the socket itself waits for the answer");
        c.claimClose();
        c.answered(T0 + TIMEOUT, false);
        assertFalse(c.answerDue(T0 + 2 * TIMEOUT), "answered: nothing due any more");
    }

    @Test
    void afterAProtocolErrorTheClientWaitsOnlyBrieflyForTheServer() {
        ClosingHandshake c = client(TIMEOUT);
        c.protocolError();
        assertTrue(c.peerDone());
        assertFalse(c.closeReceived());
        assertEquals(Phase.CLOSE_RECEIVED, c.phase());
        c.answerDeferred(T0, true);
        c.claimClose();
        assertEquals(Step.NONE, c.answered(T0 + 10, false));
        releasedAt(c, T0 + 10 + CLIENT_ERROR_LINGER);
    }

    @Test
    void afterAProtocolErrorTheClientsWaitIsTheCloseTimeoutIfShorter() {
        ClosingHandshake c = client(100);
        c.protocolError();
        c.claimClose();
        assertEquals(Step.NONE, c.bothClosed(T0, true, false));
        releasedAt(c, T0 + 100);
        ClosingHandshake unlimited = client(0);
        unlimited.protocolError();
        unlimited.claimClose();
        unlimited.bothClosed(T0, true, false);
        releasedAt(unlimited, T0 + CLIENT_ERROR_LINGER);
    }

    @Test
    void afterAProtocolErrorTheServerClosesAsAfterAClose() {
        ClosingHandshake c = server(TIMEOUT);
        c.protocolError();
        c.answerDeferred(T0, true);
        c.claimClose();
        assertEquals(Step.SHUT_OUTPUT_AND_DRAIN, c.answered(T0 + 5, true));
        releasedAt(c, T0 + 5 + TIMEOUT);
    }

    @Test
    void aPeerThatHalfClosesAfterItsCloseStillGetsTheAnswer() {
        ClosingHandshake c = server(TIMEOUT);
        c.peerClosed();
        c.answerDeferred(T0, false);
        assertEquals(Step.WATCH, c.endOfInput(false), "our answer is not written yet: wait for it");
        assertTrue(c.inputEnded());
        c.claimClose();
        assertEquals(Step.WATCH, c.answered(T0 + 10, false));
        assertEquals(Step.FINISH_OUTPUT, c.closeFrameWritten(T0 + 20), "answered: shut and release");
        c.finishingOutput(T0 + 20);
        assertTrue(c.closesWhenOutputDone());
        assertEquals(Phase.FINISHING, c.phase());
        releasedAt(c, T0 + 10 + TIMEOUT);
    }

    @Test
    void anEndOfInputAfterOurWrittenAnswerFinishesAtOnce() {
        ClosingHandshake c = client(TIMEOUT);
        c.peerClosed();
        c.claimClose();
        assertEquals(Step.FINISH_OUTPUT, c.endOfInput(true));
    }

    @Test
    void anEndOfInputOfAnOpenConnectionOrWhileDrainingEndsIt() {
        assertEquals(Step.TERMINATE, server(TIMEOUT).endOfInput(false));
        ClosingHandshake closer = client(TIMEOUT);
        closer.claimClose();
        assertEquals(Step.TERMINATE, closer.endOfInput(true), "no close frame came: abnormal");
        ClosingHandshake draining = server(TIMEOUT);
        draining.peerClosed();
        draining.claimClose();
        draining.answered(T0, true);
        assertEquals(Step.TERMINATE, draining.endOfInput(true));
    }

    @Test
    void theDeadlineOnlyComesCloser() {
        ClosingHandshake c = client(TIMEOUT);
        c.claimClose();
        c.closeStarted(T0);
        c.protocolError();
        c.bothClosed(T0 + 800, true, true); // the error linger from later would end after the close timeout
        assertEquals(T0 + TIMEOUT, c.deadline());
        ClosingHandshake d = client(TIMEOUT);
        d.claimClose();
        d.closeStarted(T0);
        d.protocolError();
        d.bothClosed(T0 + 100, true, true);
        assertEquals(T0 + 100 + CLIENT_ERROR_LINGER, d.deadline(), "brought forward");
    }

    @Test
    void noCloseTimeoutMeansNoDeadline() {
        ClosingHandshake c = client(0);
        c.claimClose();
        c.closeStarted(T0);
        c.peerClosed();
        assertEquals(Step.WATCH, c.bothClosed(T0, false, true));
        assertFalse(c.hasDeadline());
        assertEquals(Step.NONE, c.tick(T0 + Long.MAX_VALUE / 2));
    }

    @Test
    void anEndedHandshakeAsksForNothing() {
        ClosingHandshake c = server(TIMEOUT);
        c.claimClose();
        c.closeStarted(T0);
        c.ended();
        assertEquals(Phase.CLOSED, c.phase());
        assertEquals(Step.NONE, c.tick(T0 + 2 * TIMEOUT));
        assertEquals(Step.NONE, c.closeFrameWritten(T0));
        assertEquals(Step.NONE, c.bothClosed(T0, false, true));
    }
}
