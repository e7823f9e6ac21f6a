package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.websocket.api.Headers;
import net.websocket.api.codec.HttpHeadWriter;

/** The plain-text HTTP error responses a server answers refused handshakes with. */
public final class HttpResponses {

    /** Headers the error response sets itself, or that would change how its body is framed. */
    private static final List<String> FRAMING_HEADERS = List.of("Content-Type", "Content-Length", "Connection",
            "Transfer-Encoding");

    private HttpResponses() {
    }

    /**
     * An error response: {@code HTTP/1.1 <status> <reason>}, {@code Content-Type: text/plain; charset=utf-8},
     * {@code Content-Length}, {@code Connection: close}, the extra headers (any of those three names, or
     * {@code Transfer-Encoding}, among them are left out), and the body.
     */
    public static ByteBuffer error(int status, Headers extra, String body) {
        byte[] content = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        return new HttpHeadWriter("HTTP/1.1 " + status + " " + reason(status))
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Content-Length", Integer.toString(content.length))
                .header("Connection", "close")
                .headers(extra == null ? Headers.empty() : extra, FRAMING_HEADERS)
                .toBuffer(content);
    }

    /** The standard reason phrase of a status code (RFC 9110 section 15), or "Error". */
    public static String reason(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Status";
        };
    }
}
