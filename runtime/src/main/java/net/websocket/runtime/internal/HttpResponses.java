package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import net.websocket.api.Headers;

/** The plain-text HTTP error responses a server answers refused handshakes with. */
public final class HttpResponses {

    private HttpResponses() {
    }

    /**
     * An error response: {@code HTTP/1.1 <status> <reason>}, {@code Content-Type: text/plain; charset=utf-8},
     * {@code Content-Length}, {@code Connection: close}, the extra headers (any of those three names among them
     * are left out), and the body.
     */
    public static ByteBuffer error(int status, Headers extra, String body) {
        byte[] content = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(160);
        sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        sb.append("Content-Type: text/plain; charset=utf-8\r\n");
        sb.append("Content-Length: ").append(content.length).append("\r\n");
        sb.append("Connection: close\r\n");
        if (extra != null) {
            for (Headers.Field f : extra) {
                String n = f.name();
                if (n.equalsIgnoreCase("Content-Type") || n.equalsIgnoreCase("Content-Length")
                        || n.equalsIgnoreCase("Connection") || n.equalsIgnoreCase("Transfer-Encoding")) {
                    continue;
                }
                sb.append(n).append(": ").append(f.value()).append("\r\n");
            }
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(head.length + content.length);
        out.put(head).put(content).flip();
        return out;
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
