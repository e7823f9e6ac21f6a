package net.websocket.runtime.internal;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.websocket.api.HandshakeException;
import net.websocket.api.Headers;
import net.websocket.api.WebSocketException;

/**
 * The HTTP side of a tunnel through a proxy (RFC 9110 section 9.3.6): the {@code CONNECT} request, what the
 * proxy's answer means, and Basic proxy authentication (RFC 7617) with an {@link Authenticator}. No I/O: an
 * instance is one exchange, whose bytes the {@link ClientHandshaker} writes and reads on its loop.
 */
final class ProxyTunnel {

    /** A {@code Basic} challenge in a {@code Proxy-Authenticate} value (RFC 9110 section 11.6.1). */
    private static final Pattern BASIC = Pattern.compile("(?i)(?:^|,)\\s*basic(?=\\s|,|$)");
    /** A realm parameter, quoted or not; the first after the Basic scheme is taken (it is only a prompt). */
    private static final Pattern REALM =
            Pattern.compile("(?i)\\brealm\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]+))");

    private final Proxy proxy;
    private final URI target;
    private final ByteBuffer request;
    private final HttpHeadParser answer;

    /**
     * One CONNECT exchange.
     *
     * @param authorization the {@code Proxy-Authorization} value, or {@code null} to send none
     * @param maxHead       the largest answer head accepted, in bytes
     */
    ProxyTunnel(Proxy proxy, URI target, String authorization, int maxHead) {
        this.proxy = proxy;
        this.target = target;
        this.request = request(target, authorization);
        this.answer = new HttpHeadParser(HttpHeadParser.Mode.RESPONSE, maxHead);
    }

    /** {@return the CONNECT request, to write until nothing remains} */
    ByteBuffer request() {
        return request;
    }

    /**
     * Takes bytes of the answer from {@code in}.
     *
     * @return the answer once its head is complete, else {@code null}
     * @throws HandshakeException if the answer is not HTTP or too large, or data follows a 2xx (the server cannot
     *                            have answered yet: the client speaks first, in WebSocket as in TLS)
     */
    HttpHeadParser answer(ByteBuffer in) throws HandshakeException {
        try {
            if (!answer.feed(in)) {
                return null;
            }
        } catch (HttpHeadParser.ParseException e) {
            throw new HandshakeException(0, "malformed answer of the proxy " + address(proxy) + " to CONNECT: "
                    + e.getMessage());
        }
        if (established(answer.status()) && in.hasRemaining()) {
            throw new HandshakeException(answer.status(), "the proxy " + address(proxy)
                    + " sent data after opening the tunnel, before the server could answer");
        }
        return answer;
    }

    /**
     * The failure of a tunnel the proxy refused with {@code answer}.
     *
     * @param why what followed from the refusal (e.g. that no credentials were there), or {@code ""}
     */
    HandshakeException refused(HttpHeadParser answer, String why) {
        return refused(proxy, target, answer.status(), answer.startLine(), answer.headers(), why);
    }

    /**
     * Why a 407 is not answered with credentials, or {@code null} if {@code authenticator} is to be asked.
     *
     * @param retried whether credentials were already sent (they were not accepted)
     * @param realm   the realm of the Basic challenge, {@code null} if none is Basic ({@link #basicRealm})
     */
    static String noCredentials(boolean retried, Authenticator authenticator, String realm, Headers answer) {
        return retried ? "the credentials were not accepted"
                : authenticator == null ? "no Authenticator is set for proxy credentials"
                : realm == null ? "it offers no Basic authentication: " + answer.all("Proxy-Authenticate")
                : null;
    }

    /** The failure when no address of the proxy could be reached ({@code cause} for the first one). */
    static ConnectException unreachable(Proxy proxy, URI target, IOException cause) {
        ConnectException e = new ConnectException("cannot reach the proxy " + address(proxy) + " for " + target
                + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    /** The failure when the proxy closes the connection before its answer is complete. */
    WebSocketException closedEarly() {
        return new WebSocketException("the proxy " + address(proxy)
                + " closed the connection before it answered CONNECT " + ClientUris.authority(target));
    }

    /**
     * The {@code CONNECT} request for a tunnel to {@code target}'s host and port.
     *
     * @param authorization the {@code Proxy-Authorization} value, or {@code null} to send none
     */
    static ByteBuffer request(URI target, String authorization) {
        String authority = ClientUris.authority(target);
        StringBuilder sb = new StringBuilder(128).append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        if (authorization != null) {
            sb.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        sb.append("\r\n");
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Whether the proxy opened the tunnel: any 2xx answer to {@code CONNECT}. */
    static boolean established(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * The realm of the proxy's Basic challenge ({@code ""} if it names none), or {@code null} if none of its
     * {@code Proxy-Authenticate} challenges is Basic.
     */
    static String basicRealm(Headers response) {
        for (String value : response.all("Proxy-Authenticate")) {
            Matcher m = BASIC.matcher(value);
            if (!m.find()) {
                continue;
            }
            Matcher r = REALM.matcher(value);
            if (!r.find(m.end())) {
                return "";
            }
            return r.group(1) != null ? r.group(1).replaceAll("\\\\(.)", "$1") : r.group(2);
        }
        return null;
    }

    /**
     * Asks {@code authenticator} for the credentials of {@code proxy} (which may block: a handler thread).
     *
     * @return the credentials, or {@code null} if it has none
     */
    static PasswordAuthentication ask(Authenticator authenticator, Proxy proxy, URI target, String realm) {
        InetSocketAddress at = (InetSocketAddress) proxy.address();
        URL url;
        try {
            url = ClientUris.httpForm(target).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            url = null;
        }
        return authenticator.requestPasswordAuthenticationInstance(at.getHostString(), at.getAddress(),
                at.getPort(), "http", realm, "Basic", url, Authenticator.RequestorType.PROXY);
    }

    /** The {@code Proxy-Authorization} value for Basic authentication with these credentials (UTF-8). */
    static String basic(PasswordAuthentication credentials) {
        char[] password = credentials.getPassword();
        CharBuffer chars = CharBuffer.allocate(credentials.getUserName().length() + 1 + password.length);
        chars.put(credentials.getUserName()).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        String value = "Basic " + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return value;
    }

    /**
     * The failure of a tunnel the proxy refused.
     *
     * @param why what followed from the refusal (e.g. that no credentials were there), or {@code ""}
     */
    static HandshakeException refused(Proxy proxy, URI target, int status, String statusLine, Headers headers,
            String why) {
        return new HandshakeException(status, "the proxy " + address(proxy) + " refused the tunnel to "
                + ClientUris.authority(target) + ": " + statusLine + (why.isEmpty() ? "" : " (" + why + ")"),
                headers);
    }

    /** The proxy's {@code host:port}, for messages. */
    static String address(Proxy proxy) {
        InetSocketAddress a = (InetSocketAddress) proxy.address();
        return a.getHostString() + ":" + a.getPort();
    }
}
