package net.websocket.itest.deflate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One case of the permessage-deflate conformance set: an offer (or the client's default one) and messages echoed one
 * after the other.
 *
 * @param id       {@code SECTION.GROUP.N}, e.g. {@code 12.1.3}
 * @param offer    the client's offer, or {@code null} for its default offer
 * @param messages what is sent, in order
 */
record DeflateCase(String id, Offer offer, List<Messages> messages) {

    /**
     * An offer of permessage-deflate with RFC 7692's parameters. A window size of {@code null} means: no
     * {@code server_max_window_bits}; {@code client_max_window_bits} without a value.
     */
    record Offer(boolean serverNoContextTakeover, boolean clientNoContextTakeover, Integer serverMaxWindowBits,
                 Integer clientMaxWindowBits) {

        /** The offer's parameters as they would appear in the header. */
        String describe() {
            List<String> p = new ArrayList<>();
            if (serverNoContextTakeover) {
                p.add("server_no_context_takeover");
            }
            if (clientNoContextTakeover) {
                p.add("client_no_context_takeover");
            }
            if (serverMaxWindowBits != null) {
                p.add("server_max_window_bits=" + serverMaxWindowBits);
            }
            p.add("client_max_window_bits" + (clientMaxWindowBits == null ? "" : "=" + clientMaxWindowBits));
            return String.join("; ", p);
        }
    }

    /** {@code count} messages of {@code size} bytes, each sent whole or in fragments of {@code fragment} bytes. */
    record Messages(boolean binary, int size, int count, int fragment) {
        String describe() {
            return String.format(Locale.ROOT, "%d × %s %,d%s", count, binary ? "binary" : "text", size,
                    fragment > 0 && fragment < size ? String.format(Locale.ROOT, " in %,d-byte fragments", fragment)
                            : "");
        }

        long bytes() {
            return (long) size * count;
        }
    }

    String section() {
        return id.substring(0, id.lastIndexOf('.'));
    }

    int messageCount() {
        return messages.stream().mapToInt(Messages::count).sum();
    }

    long bytes() {
        return messages.stream().mapToLong(Messages::bytes).sum();
    }

    String describeMessages() {
        return String.join(", ", messages.stream().map(Messages::describe).toList());
    }

    /** The case as the peer scripts read it. */
    String toJson() {
        StringBuilder b = new StringBuilder("{\"id\":\"").append(id).append("\",\"offer\":");
        if (offer == null) {
            b.append("null");
        } else {
            b.append("{\"serverNoContextTakeover\":").append(offer.serverNoContextTakeover())
                    .append(",\"clientNoContextTakeover\":").append(offer.clientNoContextTakeover())
                    .append(",\"serverMaxWindowBits\":").append(offer.serverMaxWindowBits())
                    .append(",\"clientMaxWindowBits\":").append(offer.clientMaxWindowBits()).append('}');
        }
        b.append(",\"messages\":[");
        for (int i = 0; i < messages.size(); i++) {
            Messages m = messages.get(i);
            b.append(i == 0 ? "" : ",").append("{\"kind\":\"").append(m.binary() ? "binary" : "text")
                    .append("\",\"size\":").append(m.size()).append(",\"count\":").append(m.count())
                    .append(",\"fragment\":").append(m.fragment()).append('}');
        }
        return b.append("]}").toString();
    }

    /** The parameters of a {@code Sec-WebSocket-Extensions} value with one element, sorted: name to value. */
    static Map<String, String> params(String header) {
        Map<String, String> p = new TreeMap<>();
        if (header == null) {
            return p;
        }
        String[] parts = header.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            p.put(kv[0].trim(), kv.length == 1 ? "" : kv[1].trim().replace("\"", ""));
        }
        return p;
    }

    /** The name of the first element of a {@code Sec-WebSocket-Extensions} value. */
    static String extensionName(String header) {
        return header == null ? "" : header.split(";")[0].trim();
    }
}
