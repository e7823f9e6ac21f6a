package net.websocket.api;

/**
 * Close status codes of RFC 6455 section 7.4 and the IANA registry, and the rules for which may be sent or received.
 */
public final class CloseCodes {
    /** 1000: the purpose of the connection has been fulfilled. */
    public static final int NORMAL = 1000;
    /** 1001: an endpoint is going away (server shutting down, page navigated away). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a data type this endpoint cannot accept (e.g. binary on a text-only endpoint). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: reserved; stands for "no status code was present". Never sent on the wire. */
    public static final int NO_STATUS = 1005;
    /** 1006: reserved; stands for "closed abnormally, without a close frame". Never sent on the wire. */
    public static final int ABNORMAL = 1006;
    /** 1007: data inconsistent with its type (e.g. invalid UTF-8 in a text message). */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a message that violates the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a frame or message too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: (client) the server did not negotiate an extension the client requires. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: (server) an unexpected condition prevented the request from being fulfilled. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: the service is restarting. */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: try again later (temporary overload). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** 1014: a gateway or proxy received an invalid response from upstream. */
    public static final int BAD_GATEWAY = 1014;
    /** 1015: reserved; stands for "the TLS handshake failed". Never sent on the wire. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCodes() {
    }

    /**
     * Whether a close frame may carry this code on the wire (RFC 6455 section 7.4): the defined codes other than
     * 1004, 1005, 1006 and 1015, and the ranges 3000-4999 for libraries, frameworks and applications.
     *
     * @param code a close status code, any {@code int}
     * @return whether a close frame may carry it (codes outside 1000-1014 and 3000-4999 never may)
     */
    public static boolean isValidOnWire(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        return code >= 1000 && code <= 1014 && code != 1004 && code != NO_STATUS && code != ABNORMAL;
    }

    /**
     * A short English name for a code, for messages and logs.
     *
     * @param code a close status code, any {@code int}
     * @return e.g. {@code "going away"} for a defined code, {@code "application code 4000"} for one in 3000-4999,
     *         else {@code "code "} and the number; never {@code null}
     */
    public static String describe(int code) {
        return switch (code) {
            case NORMAL -> "normal closure";
            case GOING_AWAY -> "going away";
            case PROTOCOL_ERROR -> "protocol error";
            case UNSUPPORTED_DATA -> "unsupported data";
            case NO_STATUS -> "no status received";
            case ABNORMAL -> "abnormal closure";
            case INVALID_PAYLOAD -> "invalid payload data";
            case POLICY_VIOLATION -> "policy violation";
            case MESSAGE_TOO_BIG -> "message too big";
            case MANDATORY_EXTENSION -> "mandatory extension";
            case INTERNAL_ERROR -> "internal error";
            case SERVICE_RESTART -> "service restart";
            case TRY_AGAIN_LATER -> "try again later";
            case BAD_GATEWAY -> "bad gateway";
            case TLS_HANDSHAKE -> "TLS handshake failure";
            default -> code >= 3000 && code <= 4999 ? "application code " + code : "code " + code;
        };
    }
}
