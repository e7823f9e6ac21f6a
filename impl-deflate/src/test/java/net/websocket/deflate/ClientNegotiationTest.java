package net.websocket.deflate;

import static net.websocket.deflate.Peers.clientWithAnswer;
import static net.websocket.deflate.Peers.offer;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.websocket.api.HandshakeException;
import net.websocket.api.spi.ExtensionParameters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's offers and its checks of the server's answer (RFC 7692 section 7.1), through the RFC 6455 client. */
class ClientNegotiationTest {

    private static final DeflateOptions DEFAULTS = DeflateOptions.defaults();
    private static final String PMD = "permessage-deflate";

    @Test
    void offers() {
        assertEquals(PMD + "; client_max_window_bits", offer(DEFAULTS));
        assertEquals(PMD + "; client_no_context_takeover; client_max_window_bits",
                offer(DeflateOptions.builder().clientNoContextTakeover(true).build()));
        assertEquals(PMD + "; client_max_window_bits=12",
                offer(DeflateOptions.builder().clientMaxWindowBits(12).build()));
        // what a server may decline comes with a plain fallback offer
        assertEquals(PMD + "; server_no_context_takeover; client_max_window_bits, " + PMD
                + "; client_max_window_bits", offer(DeflateOptions.builder().serverNoContextTakeover(true).build()));
        assertEquals(PMD + "; server_max_window_bits=10; client_max_window_bits, " + PMD
                + "; client_max_window_bits", offer(DeflateOptions.builder().serverMaxWindowBits(10).build()));
        assertEquals(PMD + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9;"
                + " client_max_window_bits=8, " + PMD + "; client_no_context_takeover; client_max_window_bits=8",
                offer(DeflateOptions.builder().serverNoContextTakeover(true).clientNoContextTakeover(true)
                        .serverMaxWindowBits(9).clientMaxWindowBits(8).build()));
    }

    @Test
    void disabledOffersNothing() {
        assertNull(offer(DeflateOptions.builder().enabled(false).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate",
        "permessage-deflate; server_no_context_takeover",
        "permessage-deflate; client_no_context_takeover",
        "permessage-deflate; server_max_window_bits=8",
        "permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; client_max_window_bits=8",
        "permessage-deflate; client_max_window_bits=15",
        "permessage-deflate; client_max_window_bits=\"10\"",
        "permessage-deflate;server_no_context_takeover;client_no_context_takeover;server_max_window_bits=10;"
                + "client_max_window_bits=9",
    })
    void validAnswersAreAccepted(String answer) {
        assertDoesNotThrow(() -> clientWithAnswer(DEFAULTS, answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate; foo",
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=09",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; server_no_context_takeover=1",
        "permessage-deflate; client_no_context_takeover=0",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; client_max_window_bits=9; client_max_window_bits=9",
        "x-webkit-deflate-frame",
        "permessage-deflate, permessage-deflate",
        "permessage-deflate; server_max_window_bits=\"1 2\"",
        "permessage-deflate;",
        "",
    })
    void invalidAnswersFailTheHandshake(String answer) {
        HandshakeException e = assertThrows(HandshakeException.class, () -> clientWithAnswer(DEFAULTS, answer),
                answer);
        assertEquals(101, e.status());
    }

    @Test
    void answerMustKeepWithinWhatWasOffered() throws Exception {
        DeflateOptions ten = DeflateOptions.builder().clientMaxWindowBits(10).build();
        assertDoesNotThrow(() -> clientWithAnswer(ten, PMD + "; client_max_window_bits=10"));
        assertDoesNotThrow(() -> clientWithAnswer(ten, PMD + "; client_max_window_bits=8"));
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> clientWithAnswer(ten, PMD + "; client_max_window_bits=12"));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        // server_max_window_bits asked for: a smaller answer fits the first offer, a larger one only the fallback
        // offer (which allows any value the server picks), so both are valid
        DeflateOptions server10 = DeflateOptions.builder().serverMaxWindowBits(10).build();
        assertDoesNotThrow(() -> clientWithAnswer(server10, PMD + "; server_max_window_bits=9"));
        assertDoesNotThrow(() -> clientWithAnswer(server10, PMD + "; server_max_window_bits=12"));
        assertDoesNotThrow(() -> clientWithAnswer(server10, PMD));
    }

    @Test
    void noAnswerMeansNoCompression() throws Exception {
        // the server declined: the connection runs without the extension
        var engine = clientWithAnswer(DEFAULTS, null);
        byte[] frame = Peers.text(engine, "x".repeat(1000));
        assertEquals(0, frame[0] & 0x40, "RSV1 clear");
    }

    @Test
    void disabledClientRefusesAnAnswer() {
        DeflateOptions off = DeflateOptions.builder().enabled(false).build();
        HandshakeException e = assertThrows(HandshakeException.class, () -> clientWithAnswer(off, PMD));
        assertTrue(e.getMessage().contains("not offered"), e.getMessage());
    }

    @Test
    void factoryOffersAndAcceptsDirectly() throws Exception {
        PerMessageDeflate f = new PerMessageDeflate();
        assertEquals(PMD, f.name());
        assertEquals(1, f.offers(Peers.clientConfig(1000, 1000)).size());
        var ext = f.accept(ExtensionParameters.of(PMD).with("server_no_context_takeover", null),
                Peers.clientConfig(1000, 1000));
        assertEquals(0x40, ext.rsvBits());
        assertEquals(PMD + "; server_no_context_takeover", ext.parameters().headerValue());
    }
}
