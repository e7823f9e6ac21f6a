package net.websocket.deflate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import net.websocket.api.MessageType;
import net.websocket.deflate.internal.MessageDeflater;
import net.websocket.deflate.internal.MessageInflater;

import org.junit.jupiter.api.Test;

/** When the compressor and decompressor hold native memory, and that they give it back. */
class ResourceTest {

    private static void send(MessageDeflater d, String s) {
        ByteBuffer in = ByteBuffer.wrap(s.getBytes());
        d.begin(MessageType.TEXT, in.remaining(), true);
        d.encode(in, true, ByteBuffer.allocate(d.maxEncodedLength(s.length())));
    }

    private static void receive(MessageInflater i, byte[] compressed) throws Exception {
        i.begin(MessageType.TEXT, 0x40);
        ByteBuffer out = ByteBuffer.allocate(1024);
        while (!i.decode(ByteBuffer.wrap(compressed), true, out)) {
            out.clear();
        }
    }

    @Test
    void deflaterIsMadeOnFirstUseAndKeptOnlyWithContextTakeover() {
        MessageDeflater keep = new MessageDeflater(6, 0, false, false);
        assertFalse(keep.holdsDeflater(), "nothing before the first compressed message");
        send(keep, "hello hello hello");
        assertTrue(keep.holdsDeflater());
        keep.release();
        assertFalse(keep.holdsDeflater());
        assertThrows(IllegalStateException.class, () -> keep.begin(MessageType.TEXT, 1, true));

        MessageDeflater drop = new MessageDeflater(6, 0, true, false);
        send(drop, "hello hello hello");
        assertFalse(drop.holdsDeflater(), "released after the message");
    }

    @Test
    void deflaterIsNotMadeForUncompressedMessages() {
        MessageDeflater d = new MessageDeflater(6, 100, false, false);
        assertFalse(d.begin(MessageType.TEXT, 99, true));
        assertTrue(d.begin(MessageType.TEXT, 99, false), "a fragmented message is compressed");
        assertFalse(d.holdsDeflater());
    }

    @Test
    void inflaterIsKeptOnlyWithContextTakeover() throws Exception {
        byte[] hello = Peers.hex("f2 48 cd c9 c9 07 00");
        MessageInflater keep = new MessageInflater(false);
        assertFalse(keep.begin(MessageType.TEXT, 0), "uncompressed messages need no inflater");
        assertFalse(keep.holdsInflater());
        receive(keep, hello);
        assertTrue(keep.holdsInflater());
        keep.release();
        assertFalse(keep.holdsInflater());

        MessageInflater drop = new MessageInflater(true);
        receive(drop, hello);
        assertFalse(drop.holdsInflater());
    }

    @Test
    void engineReleasesBothHalvesAtTheClosingHandshake() throws Exception {
        Peers.Pair p = Peers.connect(DeflateOptions.builder().minMessageSize(0).build(), DeflateOptions.defaults());
        Recorder r = Peers.decode(p.client(), Peers.text(p.server(), "Hello"));
        ByteBuffer close = ByteBuffer.allocate(131);
        p.server().encodeClose(1000, "", close);
        close.flip();
        byte[] c = new byte[close.remaining()];
        close.get(c);
        Peers.decode(p.client(), c, c.length, r);
        assertTrue(p.client().inputClosed());
        // after the close frame the server cannot send data any more: the compressor is gone
        assertThrows(IllegalStateException.class, () -> Peers.text(p.server(), "more"));
    }
}
