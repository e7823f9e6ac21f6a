package net.websocket.servlet.undertow.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The innermost source conduit of a connection: passes every read on and keeps the last {@link #KEPT} bytes read, so
 * that a request head's field values can be seen as the client sent them after Undertow's parser has changed them.
 * It stops keeping once the connection is upgraded ({@link #stop()}).
 */
final class HeadRecorder extends AbstractStreamSourceConduit<StreamSourceConduit> {

    /** The most bytes kept: a head whose field lies further back than this from the end of what was read is unknown. */
    static final int KEPT = 32 * 1024;

    private byte[] kept = new byte[1024];
    private int length;
    private boolean stopped;

    HeadRecorder(StreamSourceConduit next) {
        super(next);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int at = dst.position();
        int n = next.read(dst);
        if (n > 0) {
            keep(dst, at, n);
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        int[] at = new int[len];
        for (int i = 0; i < len; i++) {
            at[i] = dsts[offs + i].position();
        }
        long n = next.read(dsts, offs, len);
        if (n > 0) {
            for (int i = 0; i < len; i++) {
                ByteBuffer b = dsts[offs + i];
                if (b.position() > at[i]) {
                    keep(b, at[i], b.position() - at[i]);
                }
            }
        }
        return n;
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return Conduits.transfer(this, count, throughBuffer, target);
    }

    private synchronized void keep(ByteBuffer from, int at, int n) {
        if (stopped) {
            return;
        }
        int take = Math.min(n, KEPT);
        int skip = n - take;
        if (length + take > KEPT) {
            int drop = length + take - KEPT;
            System.arraycopy(kept, drop, kept, 0, length - drop);
            length -= drop;
        }
        if (length + take > kept.length) {
            kept = Arrays.copyOf(kept, Math.min(KEPT, Math.max(kept.length * 2, length + take)));
        }
        from.get(at + skip, kept, length, take);
        length += take;
    }

    /** Stops keeping what is read and lets go of what was kept: the connection is no longer HTTP's. */
    synchronized void stop() {
        stopped = true;
        kept = new byte[0];
        length = 0;
    }

    /**
     * The value of the last field named {@code name} of the request head that ends {@code after} bytes before the end
     * of what was read, as the client sent it, if it is the field Undertow parsed as {@code parsed}.
     *
     * @param name   the field's name (any case)
     * @param parsed the field's value as Undertow's parser gave it (runs of spaces and tabs as one space)
     * @param after  how many bytes read after the head are still unparsed
     * @return the value without the spaces and tabs around it; {@code null} if the head or the field is not among
     *         the bytes kept, or the field's value as sent is not what Undertow parsed (a folded line, say)
     */
    synchronized String valueAsSent(String name, String parsed, int after) {
        int end = length - after;
        if (stopped || after < 0 || end < 2 || kept[end - 1] != '\n') {
            return null;
        }
        int lineEnd = end - 1; // the head's empty line: its LF at lineEnd
        int lineStart = lineStart(lineEnd);
        if (contentEnd(lineStart, lineEnd) != lineStart) {
            return null; // not the end of a head
        }
        while (lineStart > 0) {
            lineEnd = lineStart - 1;
            lineStart = lineStart(lineEnd);
            int contentEnd = contentEnd(lineStart, lineEnd);
            if (contentEnd == lineStart) {
                return null; // an empty line: the head began after it, and had no such field
            }
            if (named(name, lineStart, contentEnd)) {
                int from = lineStart + name.length() + 1;
                int to = contentEnd;
                while (from < to && blank(kept[from])) {
                    from++;
                }
                while (to > from && blank(kept[to - 1])) {
                    to--;
                }
                String value = new String(kept, from, to - from, StandardCharsets.ISO_8859_1);
                return collapsed(value).equals(parsed) ? value : null;
            }
        }
        return null; // the head's start is no longer kept
    }

    /** {@return where the line whose LF is at {@code lf} begins} */
    private int lineStart(int lf) {
        int i = lf;
        while (i > 0 && kept[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    /** {@return where the line's content ends: before its CR, if it has one} */
    private int contentEnd(int start, int lf) {
        return lf > start && kept[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private boolean named(String name, int start, int end) {
        if (end - start <= name.length() || kept[start + name.length()] != ':') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase((char) (kept[start + i] & 0xff)) != Character.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == '\t';
    }

    /** {@return the value as Undertow 2.3's parser leaves it: each run of spaces and tabs inside it as one space} */
    static String collapsed(String value) {
        StringBuilder b = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(c);
            }
        }
        return b.toString();
    }
}
