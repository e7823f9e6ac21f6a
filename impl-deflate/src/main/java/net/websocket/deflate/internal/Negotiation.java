package net.websocket.deflate.internal;

import static net.websocket.deflate.internal.DeflateParams.ABSENT;
import static net.websocket.deflate.internal.DeflateParams.NO_VALUE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.websocket.api.spi.ExtensionException;
import net.websocket.api.spi.ExtensionParameters;

/** The RFC 7692 section 7.1 negotiation, for both roles, under a set of {@link Terms}. */
public final class Negotiation {

    /** The largest LZ77 window, 2^15 bytes (RFC 7692 section 7.1.2). */
    private static final int FULL_WINDOW = 15;

    private final Terms options;

    public Negotiation(Terms options) {
        this.options = options;
    }

    /**
     * What the endpoint's configuration allows and asks for: whether the extension is on, the window sizes (8-15
     * bits) and context takeover it asks of each side, and how it compresses ({@code java.util.zip.Deflater} level,
     * the size below which messages are sent uncompressed).
     */
    public record Terms(boolean enabled, int serverMaxWindowBits, int clientMaxWindowBits,
            boolean serverNoContextTakeover, boolean clientNoContextTakeover, int compressionLevel,
            int minMessageSize) {
    }

    // ---------------------------------------------------------------------------------------------------- server

    /**
     * Answers one offer, or declines it: when disabled, or when the offer breaks section 7.1 (unknown, repeated or
     * malformed parameters). Every valid offer can be honoured: a requested server window below 15 bits is kept by
     * compressing with Huffman coding only, and any client window is fine to inflate.
     */
    public Optional<DeflateExtension> answer(ExtensionParameters offer) {
        if (!options.enabled()) {
            return Optional.empty();
        }
        DeflateParams p;
        try {
            p = DeflateParams.parse(offer, true);
        } catch (DeflateParams.Invalid e) {
            return Optional.empty();
        }
        // Our window: what the client allows (15 if it says nothing), and no more than we want ourselves. Named in
        // the answer when the client asked (it must be, 7.1.2.1) or when we limit ourselves.
        int serverBits = Math.min(p.serverMaxWindowBits() == ABSENT ? FULL_WINDOW : p.serverMaxWindowBits(),
                options.serverMaxWindowBits());
        int answerServerBits = p.serverMaxWindowBits() != ABSENT || serverBits < FULL_WINDOW ? serverBits : ABSENT;
        // The client's window: limited only if we want that and the offer allows a limit (7.1.2.2); never above a
        // value it offered.
        int answerClientBits = ABSENT;
        if (p.clientMaxWindowBits() != ABSENT && options.clientMaxWindowBits() < FULL_WINDOW) {
            answerClientBits = p.clientMaxWindowBits() > 0
                    ? Math.min(p.clientMaxWindowBits(), options.clientMaxWindowBits()) : options.clientMaxWindowBits();
        }
        // server_no_context_takeover asked for must be answered (7.1.1.1); client_no_context_takeover offered is
        // echoed, which makes the client's hint binding and lets us release the inflater between messages.
        boolean serverNct = p.serverNoContextTakeover() || options.serverNoContextTakeover();
        boolean clientNct = p.clientNoContextTakeover() || options.clientNoContextTakeover();
        DeflateParams answer = new DeflateParams(serverNct, clientNct, answerServerBits, answerClientBits);
        return Optional.of(new DeflateExtension(answer.toElement(), new MessageInflater(clientNct),
                new MessageDeflater(options.compressionLevel(), options.minMessageSize(), serverNct,
                        serverBits < FULL_WINDOW)));
    }

    // ---------------------------------------------------------------------------------------------------- client

    /**
     * Our offers: one with what the options ask for, and, if it asks something of the server's side that a server
     * may decline ({@code server_no_context_takeover}, {@code server_max_window_bits}), a plain one after it.
     * {@code client_max_window_bits} is always offered (without a value unless our window is limited): whatever
     * window the server then asks of us, Huffman-only compression honours it.
     */
    public List<ExtensionParameters> offers() {
        if (!options.enabled()) {
            return List.of();
        }
        List<ExtensionParameters> out = new ArrayList<>(2);
        for (DeflateParams p : offerParams()) {
            out.add(p.toElement());
        }
        return out;
    }

    private List<DeflateParams> offerParams() {
        int clientBits = options.clientMaxWindowBits() < FULL_WINDOW ? options.clientMaxWindowBits() : NO_VALUE;
        boolean asksServer = options.serverNoContextTakeover() || options.serverMaxWindowBits() < FULL_WINDOW;
        DeflateParams wanted = new DeflateParams(options.serverNoContextTakeover(),
                options.clientNoContextTakeover(),
                options.serverMaxWindowBits() < FULL_WINDOW ? options.serverMaxWindowBits() : ABSENT, clientBits);
        if (!asksServer) {
            return List.of(wanted);
        }
        return List.of(wanted, new DeflateParams(false, options.clientNoContextTakeover(), ABSENT, clientBits));
    }

    /**
     * Checks the server's response against our offers (it must be a valid answer to at least one) and sets up the
     * extension it agrees to.
     *
     * @throws ExtensionException if the response breaks section 7.1 or answers none of the offers
     */
    public DeflateExtension accept(ExtensionParameters response) throws ExtensionException {
        if (!options.enabled()) {
            throw new ExtensionException("permessage-deflate was not offered");
        }
        DeflateParams r;
        try {
            r = DeflateParams.parse(response, false);
        } catch (DeflateParams.Invalid e) {
            throw new ExtensionException(e.getMessage());
        }
        String why = null;
        for (DeflateParams offer : offerParams()) {
            String mismatch = mismatch(offer, r);
            if (mismatch == null) {
                why = null;
                break;
            }
            if (why == null) {
                why = mismatch;
            }
        }
        if (why != null) {
            throw new ExtensionException(why);
        }
        boolean clientNct = r.clientNoContextTakeover() || options.clientNoContextTakeover();
        boolean limited = (r.clientMaxWindowBits() > 0 && r.clientMaxWindowBits() < FULL_WINDOW)
                || options.clientMaxWindowBits() < FULL_WINDOW;
        return new DeflateExtension(response, new MessageInflater(r.serverNoContextTakeover()),
                new MessageDeflater(options.compressionLevel(), options.minMessageSize(), clientNct, limited));
    }

    /** Why {@code r} is not a valid response to {@code offer}, or {@code null} if it is. */
    private static String mismatch(DeflateParams offer, DeflateParams r) {
        if (offer.serverNoContextTakeover() && !r.serverNoContextTakeover()) {
            return "server_no_context_takeover was asked for but not answered";
        }
        if (offer.serverMaxWindowBits() != ABSENT) {
            if (r.serverMaxWindowBits() == ABSENT) {
                return "server_max_window_bits=" + offer.serverMaxWindowBits() + " was asked for but not answered";
            }
            if (r.serverMaxWindowBits() > offer.serverMaxWindowBits()) {
                return "server_max_window_bits=" + r.serverMaxWindowBits() + " exceeds the "
                        + offer.serverMaxWindowBits() + " asked for";
            }
        }
        if (r.clientMaxWindowBits() != ABSENT) {
            if (offer.clientMaxWindowBits() == ABSENT) {
                return "client_max_window_bits was not offered";
            }
            if (offer.clientMaxWindowBits() > 0 && r.clientMaxWindowBits() > offer.clientMaxWindowBits()) {
                return "client_max_window_bits=" + r.clientMaxWindowBits() + " exceeds the "
                        + offer.clientMaxWindowBits() + " offered";
            }
        }
        return null;
    }
}
