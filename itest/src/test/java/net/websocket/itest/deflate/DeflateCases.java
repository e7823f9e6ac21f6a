package net.websocket.itest.deflate;

import net.websocket.itest.deflate.DeflateCase.Messages;
import net.websocket.itest.deflate.DeflateCase.Offer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases, in the spirit of Autobahn's sections 12 and 13 (which the wstest the build can run does not have).
 *
 * <ul>
 * <li>12.1 (text: JSON-like) and 12.2 (binary: a random third, a run of one byte, JSON-like text): the client's
 * default offer; messages of 16 bytes to 256 KiB, whole and in fragments of 256 bytes to 64 KiB, many in a row (as
 * many as fit in about 1 MiB, at least 8, at most 500).</li>
 * <li>13.1 to 13.4: every combination of {@code server_max_window_bits} and {@code client_max_window_bits} (none,
 * or 9 to 15) under each combination of {@code client_no_context_takeover} (13.2, 13.4) and
 * {@code server_no_context_takeover} (13.3, 13.4); each case sends six 4 KB texts (where context takeover pays), a
 * 64 KB binary message in 8 KB fragments and four short texts.</li>
 * </ul>
 */
final class DeflateCases {

    /** Sizes and fragment sizes (0: whole) of sections 12.1 and 12.2. */
    private static final int[][] SIZES = {
        {16, 0}, {64, 0}, {256, 0}, {1024, 0}, {4096, 0}, {8192, 0}, {16384, 0}, {32768, 0}, {65536, 0},
        {131072, 0}, {262144, 0}, {8192, 256}, {16384, 256}, {32768, 256}, {65536, 256}, {131072, 256},
        {131072, 1024}, {131072, 4096}, {131072, 32768}, {262144, 65536},
    };

    /** About this many bytes per case of section 12. */
    private static final int BYTES_PER_CASE = 1 << 20;
    private static final int MIN_COUNT = 8;
    private static final int MAX_COUNT = 500;

    /** The window sizes RFC 7692 allows that zlib compresses with (it raises 8 to 9). */
    static final int MIN_WINDOW = 9;
    static final int MAX_WINDOW = 15;

    /** The sections and their titles. */
    static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("12.1", "text messages, default offer");
        SECTIONS.put("12.2", "binary messages, default offer");
        SECTIONS.put("13.1", "window sizes, context takeover");
        SECTIONS.put("13.2", "window sizes, client_no_context_takeover");
        SECTIONS.put("13.3", "window sizes, server_no_context_takeover");
        SECTIONS.put("13.4", "window sizes, both no_context_takeover");
    }

    private DeflateCases() {
    }

    /** Every case, the window grid from {@code windows} (a {@code null} in it: the parameter not offered). */
    static List<DeflateCase> all(List<Integer> windows) {
        List<DeflateCase> cases = new ArrayList<>(section12());
        cases.addAll(section13(windows));
        return cases;
    }

    static List<DeflateCase> section12() {
        List<DeflateCase> cases = new ArrayList<>();
        for (int kind = 1; kind <= 2; kind++) {
            for (int i = 0; i < SIZES.length; i++) {
                int size = SIZES[i][0];
                int count = Math.max(MIN_COUNT, Math.min(MAX_COUNT, BYTES_PER_CASE / size));
                cases.add(new DeflateCase("12." + kind + "." + (i + 1), null,
                        List.of(new Messages(kind == 2, size, count, SIZES[i][1]))));
            }
        }
        return cases;
    }

    static List<DeflateCase> section13(List<Integer> windows) {
        List<Messages> messages = List.of(new Messages(false, 4096, 6, 0), new Messages(true, 65536, 1, 8192),
                new Messages(false, 64, 4, 0));
        List<DeflateCase> cases = new ArrayList<>();
        boolean[][] takeover = {{false, false}, {false, true}, {true, false}, {true, true}};
        for (int t = 0; t < takeover.length; t++) {
            int n = 0;
            for (Integer server : windows) {
                for (Integer client : windows) {
                    cases.add(new DeflateCase("13." + (t + 1) + "." + (++n),
                            new Offer(takeover[t][0], takeover[t][1], server, client), messages));
                }
            }
        }
        return cases;
    }

    /** None, then 9 to 15. */
    static List<Integer> windowsWithNone() {
        List<Integer> w = new ArrayList<>();
        w.add(null);
        for (int b = MIN_WINDOW; b <= MAX_WINDOW; b++) {
            w.add(b);
        }
        return w;
    }
}
