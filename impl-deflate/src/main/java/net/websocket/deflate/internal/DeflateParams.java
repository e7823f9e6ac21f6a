package net.websocket.deflate.internal;

import java.util.HashSet;
import java.util.Set;

import net.websocket.api.spi.ExtensionParameters;

/**
 * The parameters of one permessage-deflate offer or response, checked against RFC 7692 section 7.1: only the four
 * defined parameters, each at most once; the context-takeover ones without a value; window bits as a decimal
 * integer from 8 to 15 without leading zeros, required for {@code server_max_window_bits} and in a response's
 * {@code client_max_window_bits}, optional in an offer's.
 *
 * @param serverNoContextTakeover {@code server_no_context_takeover} is present
 * @param clientNoContextTakeover {@code client_no_context_takeover} is present
 * @param serverMaxWindowBits     the value of {@code server_max_window_bits}, or {@link #ABSENT}
 * @param clientMaxWindowBits     the value of {@code client_max_window_bits}, {@link #ABSENT}, or {@link #NO_VALUE}
 *                                (in an offer: present without a value)
 */
public record DeflateParams(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
        int serverMaxWindowBits, int clientMaxWindowBits) {

    public static final String NAME = "permessage-deflate";
    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** A window parameter that is not there. */
    public static final int ABSENT = 0;
    /** {@code client_max_window_bits} without a value (allowed in offers only). */
    public static final int NO_VALUE = -1;

    /** A parameter set that breaks section 7.1. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Checks one element.
     *
     * @param offer whether it is a client's offer ({@code client_max_window_bits} may then lack a value)
     * @throws Invalid if it breaks section 7.1
     */
    public static DeflateParams parse(ExtensionParameters e, boolean offer) throws Invalid {
        if (!e.name().equals(NAME)) {
            throw new Invalid("not " + NAME + ": " + e.name());
        }
        boolean serverNct = false;
        boolean clientNct = false;
        int serverBits = ABSENT;
        int clientBits = ABSENT;
        Set<String> seen = new HashSet<>();
        for (ExtensionParameters.Parameter p : e.parameters()) {
            if (!seen.add(p.name())) {
                throw new Invalid("parameter " + p.name() + " appears more than once");
            }
            switch (p.name()) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    noValue(p);
                    serverNct = true;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    noValue(p);
                    clientNct = true;
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    if (p.value() == null) {
                        throw new Invalid(SERVER_MAX_WINDOW_BITS + " needs a value");
                    }
                    serverBits = windowBits(p);
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    if (p.value() == null) {
                        if (!offer) {
                            throw new Invalid(CLIENT_MAX_WINDOW_BITS + " needs a value in a response");
                        }
                        clientBits = NO_VALUE;
                    } else {
                        clientBits = windowBits(p);
                    }
                }
                default -> throw new Invalid("unknown parameter " + p.name());
            }
        }
        return new DeflateParams(serverNct, clientNct, serverBits, clientBits);
    }

    private static void noValue(ExtensionParameters.Parameter p) throws Invalid {
        if (p.value() != null) {
            throw new Invalid(p.name() + " takes no value, it has \"" + p.value() + "\"");
        }
    }

    /** A decimal integer from 8 to 15 without leading zeros (RFC 7692 section 7.1.2). */
    private static int windowBits(ExtensionParameters.Parameter p) throws Invalid {
        String v = p.value();
        int bits = switch (v) {
            case "8" -> 8;
            case "9" -> 9;
            case "10" -> 10;
            case "11" -> 11;
            case "12" -> 12;
            case "13" -> 13;
            case "14" -> 14;
            case "15" -> 15;
            default -> -1;
        };
        if (bits < 0) {
            throw new Invalid(p.name() + " must be 8 to 15 without leading zeros, not \"" + v + "\"");
        }
        return bits;
    }

    /** The element with these parameters, in the order of section 7.1. */
    public ExtensionParameters toElement() {
        ExtensionParameters e = ExtensionParameters.of(NAME);
        if (serverNoContextTakeover) {
            e = e.with(SERVER_NO_CONTEXT_TAKEOVER, null);
        }
        if (clientNoContextTakeover) {
            e = e.with(CLIENT_NO_CONTEXT_TAKEOVER, null);
        }
        if (serverMaxWindowBits > 0) {
            e = e.with(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits));
        }
        if (clientMaxWindowBits == NO_VALUE) {
            e = e.with(CLIENT_MAX_WINDOW_BITS, null);
        } else if (clientMaxWindowBits > 0) {
            e = e.with(CLIENT_MAX_WINDOW_BITS, Integer.toString(clientMaxWindowBits));
        }
        return e;
    }
}
