package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which close codes may travel in a close frame (RFC 6455 section 7.4), and their names. */
class CloseCodesTest {

    @Test
    void theCodesOnTheWireAreTheDefinedOnesAndTheApplicationRanges() {
        for (int code = 0; code < 6000; code++) {
            boolean expected = code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014
                    || code >= 3000 && code <= 4999;
            assertEquals(expected, CloseCodes.isValidOnWire(code), "code " + code);
        }
    }

    @Test
    void theReservedCodesNeverGoOnTheWire() {
        assertFalse(CloseCodes.isValidOnWire(1004));
        assertFalse(CloseCodes.isValidOnWire(CloseCodes.NO_STATUS));
        assertFalse(CloseCodes.isValidOnWire(CloseCodes.ABNORMAL));
        assertFalse(CloseCodes.isValidOnWire(CloseCodes.TLS_HANDSHAKE));
        assertFalse(CloseCodes.isValidOnWire(-1));
        assertFalse(CloseCodes.isValidOnWire(65535));
        assertTrue(CloseCodes.isValidOnWire(CloseCodes.NORMAL));
    }

    @Test
    void everyCodeHasAName() {
        assertEquals("normal closure", CloseCodes.describe(1000));
        assertEquals("message too big", CloseCodes.describe(CloseCodes.MESSAGE_TOO_BIG));
        assertEquals("TLS handshake failure", CloseCodes.describe(1015));
        assertEquals("application code 4000", CloseCodes.describe(4000));
        assertEquals("code 1004", CloseCodes.describe(1004));
        assertEquals("code 5000", CloseCodes.describe(5000));
    }
}
