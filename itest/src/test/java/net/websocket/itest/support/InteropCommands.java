package net.websocket.itest.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The small text protocol every interop echo server (ours, Netty's, python-websockets', Node ws') understands, so
 * one set of client-side checks fits all of them. A text message that is not a command is echoed.
 *
 * <ul>
 * <li>{@code close:CODE:REASON}: the server closes with CODE and REASON.</li>
 * <li>{@code fragment-me:TEXT}: the server sends TEXT back as one text message in three fragments.</li>
 * <li>{@code ping-me:DATA}: the server sends a ping carrying DATA and, when the pong comes back, {@code pong:DATA}.</li>
 * <li>{@code extensions?}: the server answers {@code extensions=VALUE}, VALUE being the
 * {@code Sec-WebSocket-Extensions} field of its handshake response (its view of what was agreed), or
 * {@code extensions=none} without one.</li>
 * </ul>
 */
public final class InteropCommands {

    /** The subprotocols the interop servers offer, in their order of preference. */
    public static final String SUBPROTOCOL_V2 = "v2.chat";
    public static final String SUBPROTOCOL_V1 = "v1.chat";

    /** Asks the server for the extensions it agreed to ({@link #extensionsAnswer}). */
    public static final String EXTENSIONS = "extensions?";

    /** The prefix of the server's answer to {@link #EXTENSIONS}. */
    public static final String EXTENSIONS_ANSWER = "extensions=";

    private InteropCommands() {
    }

    /** A parsed command. */
    public sealed interface Command permits Close, FragmentMe, PingMe, Extensions, Echo {
    }

    public record Close(int code, String reason) implements Command {
    }

    public record FragmentMe(String text) implements Command {
    }

    public record PingMe(String data) implements Command {
    }

    public record Extensions() implements Command {
    }

    public record Echo(String text) implements Command {
    }

    public static String close(int code, String reason) {
        return "close:" + code + ":" + reason;
    }

    public static String fragmentMe(String text) {
        return "fragment-me:" + text;
    }

    public static String pingMe(String data) {
        return "ping-me:" + data;
    }

    /** The answer to {@link #EXTENSIONS} for a handshake response field value ({@code null}: none). */
    public static String extensionsAnswer(String header) {
        return EXTENSIONS_ANSWER + (header == null || header.isBlank() ? "none" : header);
    }

    public static Command parse(String text) {
        if (text.startsWith("close:")) {
            String rest = text.substring("close:".length());
            int colon = rest.indexOf(':');
            return new Close(Integer.parseInt(rest.substring(0, colon)), rest.substring(colon + 1));
        }
        if (text.startsWith("fragment-me:")) {
            return new FragmentMe(text.substring("fragment-me:".length()));
        }
        if (text.startsWith("ping-me:")) {
            return new PingMe(text.substring("ping-me:".length()));
        }
        if (text.equals(EXTENSIONS)) {
            return new Extensions();
        }
        return new Echo(text);
    }

    /**
     * TEXT's UTF-8 bytes cut in three, the first cut one byte into the first multi-byte character (if any), so a
     * fragment boundary falls inside a character as RFC 6455 allows.
     */
    public static byte[][] threeFragments(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int first = b.length / 3;
        for (int i = 0; i < b.length; i++) {
            if ((b[i] & 0x80) != 0) {
                first = i + 1;
                break;
            }
        }
        first = Math.min(first, b.length);
        int second = first + (b.length - first) / 2;
        return new byte[][] {Arrays.copyOfRange(b, 0, first), Arrays.copyOfRange(b, first, second),
                Arrays.copyOfRange(b, second, b.length)};
    }
}
