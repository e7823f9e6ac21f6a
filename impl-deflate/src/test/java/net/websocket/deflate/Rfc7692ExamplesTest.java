package net.websocket.deflate;

import static net.websocket.deflate.Peers.acceptedServer;
import static net.websocket.deflate.Peers.clientWithAnswer;
import static net.websocket.deflate.Peers.concat;
import static net.websocket.deflate.Peers.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import net.websocket.api.PayloadType;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 7692 section 7.2.3, byte for byte: received by a client (they are unmasked server frames) at
 * every split of the input, and, where our compressor makes the same choices as the RFC's, sent by a server.
 */
class Rfc7692ExamplesTest {

    private static final String PMD = "permessage-deflate";
    private static final DeflateOptions COMPRESS_ALL = DeflateOptions.builder().minMessageSize(0).build();

    /** 7.2.3.1: "Hello" in one compressed DEFLATE block. */
    private static final byte[] HELLO = hex("c1 07 f2 48 cd c9 c9 07 00");
    /** 7.2.3.1: the same, in two fragments. */
    private static final byte[] HELLO_FRAGMENTED = hex("41 03 f2 48 cd 80 04 c9 c9 07 00");
    /** 7.2.3.2: the second "Hello", referring back into the first. */
    private static final byte[] HELLO_SHARED_WINDOW = hex("c1 05 f2 00 11 00 00");
    /** 7.2.3.3: "Hello" in a DEFLATE block with no compression. */
    private static final byte[] HELLO_STORED = hex("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00");
    /** 7.2.3.4: "Hello" in a block with BFINAL set. */
    private static final byte[] HELLO_BFINAL = hex("c1 08 f3 48 cd c9 c9 07 00 00");
    /** 7.2.3.5: "Hello" in two DEFLATE blocks. */
    private static final byte[] HELLO_TWO_BLOCKS = hex("c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00");

    private static void receivedAtEverySplit(byte[] wire, List<String> expected) throws Exception {
        for (int chunk = 1; chunk <= wire.length; chunk++) {
            FrameEngine client = clientWithAnswer(DeflateOptions.defaults(), PMD);
            Recorder r = Peers.decode(client, wire, chunk);
            assertNull(r.errorMessage, "chunk " + chunk);
            assertEquals(expected, r.texts(), "chunk " + chunk);
        }
    }

    @Test
    void oneCompressedBlock() throws Exception {
        receivedAtEverySplit(HELLO, List.of("Hello"));
    }

    @Test
    void oneCompressedBlockInTwoFragments() throws Exception {
        receivedAtEverySplit(HELLO_FRAGMENTED, List.of("Hello"));
    }

    @Test
    void sharedSlidingWindow() throws Exception {
        receivedAtEverySplit(concat(HELLO, HELLO_SHARED_WINDOW), List.of("Hello", "Hello"));
    }

    @Test
    void blockWithNoCompression() throws Exception {
        receivedAtEverySplit(HELLO_STORED, List.of("Hello"));
    }

    @Test
    void blockWithBfinalSet() throws Exception {
        receivedAtEverySplit(HELLO_BFINAL, List.of("Hello"));
        // a final block ends the stream, not the connection: later messages still decode
        receivedAtEverySplit(concat(HELLO_BFINAL, HELLO, HELLO_BFINAL, HELLO_STORED),
                List.of("Hello", "Hello", "Hello", "Hello"));
    }

    @Test
    void twoBlocksInOneMessage() throws Exception {
        receivedAtEverySplit(HELLO_TWO_BLOCKS, List.of("Hello"));
    }

    @Test
    void allExamplesInOneStream() throws Exception {
        receivedAtEverySplit(concat(HELLO_FRAGMENTED, HELLO_STORED, HELLO_TWO_BLOCKS, HELLO, HELLO_SHARED_WINDOW),
                List.of("Hello", "Hello", "Hello", "Hello", "Hello"));
    }

    @Test
    void serverSendsHelloAsTheRfcDoes() throws Exception {
        FrameEngine server = acceptedServer(COMPRESS_ALL, PMD).engine();
        assertEquals(hex(HELLO), hex(Peers.text(server, "Hello")));
        // with context takeover the second "Hello" is a back-reference into the first (7.2.3.2)
        assertEquals(hex(HELLO_SHARED_WINDOW), hex(Peers.text(server, "Hello")));
    }

    @Test
    void withoutContextTakeoverEveryHelloIsTheFirst() throws Exception {
        FrameEngine server = acceptedServer(COMPRESS_ALL, PMD + "; server_no_context_takeover").engine();
        for (int i = 0; i < 3; i++) {
            assertEquals(hex(HELLO), hex(Peers.text(server, "Hello")));
        }
    }

    @Test
    void fragmentsCarryRsv1OnTheFirstFrameOnly() throws Exception {
        FrameEngine server = acceptedServer(COMPRESS_ALL, PMD).engine();
        byte[] first = Peers.encode(server, PayloadType.TEXT, false, "Hel".getBytes());
        byte[] last = Peers.encode(server, PayloadType.CONTINUATION, true, "lo".getBytes());
        assertEquals(0x41, first[0] & 0xFF, "text, RSV1, not final");
        assertEquals(0x80, last[0] & 0xFF, "continuation, final, RSV1 clear");
        // the first fragment is flushed whole (it ends with the sync marker, which only the message's end drops)
        String f = hex(first);
        assertEquals("00 00 ff ff", f.substring(f.length() - 11));
        receivedAtEverySplit(concat(first, last), List.of("Hello"));
    }
}
