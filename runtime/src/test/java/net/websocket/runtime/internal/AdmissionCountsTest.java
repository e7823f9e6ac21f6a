package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import net.websocket.runtime.internal.Admission.Verdict;

/** {@link Admission}'s counts, step by step: limits, what each end gives back, and a map that empties itself. */
class AdmissionCountsTest {

    private static final InetAddress A = address(1);
    private static final InetAddress B = address(2);

    @Test
    void theHandshakeLimitIsServerWideAndARefusalCountsNothing() {
        Admission admission = new Admission(2, 10);
        assertEquals(Verdict.ADMITTED, admission.admit(A));
        assertEquals(Verdict.ADMITTED, admission.admit(B));
        assertEquals(Verdict.TOO_MANY_HANDSHAKES, admission.admit(B));
        assertEquals(2, admission.handshakesInProgress());
        assertEquals(1, admission.count(B));
        admission.handshakeEnded(A, false);
        assertEquals(Verdict.ADMITTED, admission.admit(B));
        assertEquals(2, admission.count(B));
    }

    @Test
    void theAddressLimitCountsHandshakesAndConnectionsOfThatAddressOnly() {
        Admission admission = new Admission(10, 2);
        assertEquals(Verdict.ADMITTED, admission.admit(A));
        admission.handshakeEnded(A, true); // upgraded: the connection keeps the address count
        assertEquals(Verdict.ADMITTED, admission.admit(A));
        assertEquals(Verdict.TOO_MANY_FROM_ADDRESS, admission.admit(A));
        assertEquals(1, admission.handshakesInProgress(), "the refusal gave its handshake back");
        assertEquals(Verdict.ADMITTED, admission.admit(B));
        admission.connectionClosed(A);
        assertEquals(Verdict.ADMITTED, admission.admit(A));
    }

    @Test
    void everyEndGivesItsCountsBackAndTheMapEmpties() {
        Admission admission = new Admission(1_000, 1_000);
        for (int i = 0; i < 300; i++) {
            InetAddress a = address(i);
            assertEquals(Verdict.ADMITTED, admission.admit(a));
            assertEquals(Verdict.ADMITTED, admission.admit(a));
        }
        assertEquals(300, admission.addresses());
        for (int i = 0; i < 300; i++) {
            InetAddress a = address(i);
            admission.handshakeEnded(a, false); // refused, failed, timed out or dropped
            admission.handshakeEnded(a, true); // upgraded
            assertEquals(1, admission.count(a), "the connection still counts");
            admission.connectionClosed(a);
        }
        assertEquals(0, admission.handshakesInProgress());
        assertEquals(0, admission.addresses(), "no entry left for an address with nothing open");
    }

    @Test
    void theRefusalIs503WithRetryAfter() {
        String answer = StandardCharsets.ISO_8859_1.decode(Admission.refusal(Verdict.TOO_MANY_HANDSHAKES)).toString();
        assertTrue(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer);
        assertTrue(answer.contains("\r\nRetry-After: " + Admission.RETRY_AFTER_SECONDS + "\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\ntoo many handshakes in progress\n"), answer);
        // each refusal reads its own view of the shared bytes
        assertEquals(Admission.refusal(Verdict.TOO_MANY_FROM_ADDRESS).remaining(),
                Admission.refusal(Verdict.TOO_MANY_FROM_ADDRESS).remaining());
        assertThrows(IllegalArgumentException.class, () -> Admission.refusal(Verdict.ADMITTED));
    }

    private static InetAddress address(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >>> 8), (byte) i});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
