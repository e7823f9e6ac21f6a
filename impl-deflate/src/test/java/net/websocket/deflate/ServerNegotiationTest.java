package net.websocket.deflate;

import static net.websocket.deflate.Peers.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.websocket.api.HandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server's answers to offers (RFC 7692 section 7.1), through the RFC 6455 server handshake. */
class ServerNegotiationTest {

    private static final DeflateOptions DEFAULTS = DeflateOptions.defaults();
    private static final String PMD = "permessage-deflate";

    @Test
    void plainOfferIsAcceptedPlainly() throws Exception {
        assertEquals(PMD, answer(DEFAULTS, PMD));
    }

    @Test
    void noOfferNoAnswer() throws Exception {
        assertNull(answer(DEFAULTS));
        assertNull(answer(DEFAULTS, "x-webkit-deflate-frame"));
    }

    @Test
    void serverNoContextTakeoverIsAnsweredWhenAskedOrWanted() throws Exception {
        assertEquals(PMD + "; server_no_context_takeover", answer(DEFAULTS, PMD + "; server_no_context_takeover"));
        DeflateOptions wanted = DeflateOptions.builder().serverNoContextTakeover(true).build();
        assertEquals(PMD + "; server_no_context_takeover", answer(wanted, PMD));
    }

    @Test
    void clientNoContextTakeoverIsEchoedOrAskedFor() throws Exception {
        assertEquals(PMD + "; client_no_context_takeover", answer(DEFAULTS, PMD + "; client_no_context_takeover"));
        DeflateOptions wanted = DeflateOptions.builder().clientNoContextTakeover(true).build();
        // the server may ask for it even if the client did not offer it (7.1.1.2)
        assertEquals(PMD + "; client_no_context_takeover", answer(wanted, PMD));
    }

    @Test
    void serverMaxWindowBitsIsAnsweredWithTheValueAsked() throws Exception {
        for (int bits = 8; bits <= 15; bits++) {
            assertEquals(PMD + "; server_max_window_bits=" + bits,
                    answer(DEFAULTS, PMD + "; server_max_window_bits=" + bits));
        }
    }

    @Test
    void ownServerWindowLimitIsAnsweredUnasked() throws Exception {
        DeflateOptions twelve = DeflateOptions.builder().serverMaxWindowBits(12).build();
        assertEquals(PMD + "; server_max_window_bits=12", answer(twelve, PMD));
        assertEquals(PMD + "; server_max_window_bits=10", answer(twelve, PMD + "; server_max_window_bits=10"));
        assertEquals(PMD + "; server_max_window_bits=12", answer(twelve, PMD + "; server_max_window_bits=14"));
    }

    @Test
    void clientMaxWindowBitsIsAnsweredOnlyWhenWantedAndAllowed() throws Exception {
        // inflating with 32 KiB decodes any client window: no need to answer
        assertEquals(PMD, answer(DEFAULTS, PMD + "; client_max_window_bits"));
        assertEquals(PMD, answer(DEFAULTS, PMD + "; client_max_window_bits=10"));
        DeflateOptions twelve = DeflateOptions.builder().clientMaxWindowBits(12).build();
        assertEquals(PMD + "; client_max_window_bits=12", answer(twelve, PMD + "; client_max_window_bits"));
        assertEquals(PMD + "; client_max_window_bits=9", answer(twelve, PMD + "; client_max_window_bits=9"));
        assertEquals(PMD + "; client_max_window_bits=12", answer(twelve, PMD + "; client_max_window_bits=15"));
        // an offer without the parameter must not be answered with it (7.1.2.2)
        assertEquals(PMD, answer(twelve, PMD));
    }

    @Test
    void allParametersTogether() throws Exception {
        assertEquals(PMD + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9",
                answer(DEFAULTS, PMD + "; client_max_window_bits; server_max_window_bits=9;"
                        + " client_no_context_takeover ; server_no_context_takeover"));
    }

    @Test
    void quotedValuesAreUnquoted() throws Exception {
        assertEquals(PMD + "; server_max_window_bits=12", answer(DEFAULTS, PMD + "; server_max_window_bits=\"12\""));
        assertEquals(PMD + "; server_max_window_bits=12",
                answer(DEFAULTS, PMD + "; server_max_window_bits=\"1\\2\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; foo",
        "permessage-deflate; foo=1",
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=08",
        "permessage-deflate; server_max_window_bits=0",
        "permessage-deflate; server_max_window_bits=1a",
        "permessage-deflate; server_max_window_bits=+9",
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; client_max_window_bits=010",
        "permessage-deflate; server_no_context_takeover=1",
        "permessage-deflate; server_no_context_takeover=\"true\"",
        "permessage-deflate; client_no_context_takeover=x",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
        "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10",
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
        "permessage-deflate; Server_No_Context_Takeover",
    })
    void invalidOffersAreDeclined(String offer) throws Exception {
        assertNull(answer(DEFAULTS, offer), offer);
    }

    @Test
    void firstAcceptableOfferWins() throws Exception {
        assertEquals(PMD + "; server_no_context_takeover", answer(DEFAULTS,
                PMD + "; foo, " + PMD + "; server_no_context_takeover, " + PMD));
        assertEquals(PMD + "; server_max_window_bits=10", answer(DEFAULTS,
                PMD + "; server_max_window_bits=10, " + PMD));
        // over several header lines, in order
        assertEquals(PMD + "; client_no_context_takeover", answer(DEFAULTS,
                "x-unknown; a=1", PMD + "; server_max_window_bits=99", PMD + "; client_no_context_takeover", PMD));
    }

    @Test
    void autobahnStyleOfferList() throws Exception {
        // Autobahn 13.7: (no context takeover, window 8), (no context takeover), plain
        String offers = PMD + "; client_no_context_takeover; client_max_window_bits; server_no_context_takeover;"
                + " server_max_window_bits=8, " + PMD + "; client_no_context_takeover; client_max_window_bits;"
                + " server_no_context_takeover, " + PMD + "; client_no_context_takeover; client_max_window_bits";
        assertEquals(PMD + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8",
                answer(DEFAULTS, offers));
    }

    @Test
    void disabledAnswersNothing() throws Exception {
        assertNull(answer(DeflateOptions.builder().enabled(false).build(), PMD));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; =1",
        "permessage-deflate;;",
        "permessage-deflate; server_max_window_bits=\"10",
        "permessage-deflate; server_max_window_bits=\"1 0\"",
        "permessage-deflate server_no_context_takeover",
        "; permessage-deflate",
        "permessage-deflate; a=b=c",
    })
    void malformedHeaderIsA400(String header) {
        HandshakeException e = assertThrows(HandshakeException.class, () -> answer(DEFAULTS, header));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("Sec-WebSocket-Extensions"), e.getMessage());
    }
}
