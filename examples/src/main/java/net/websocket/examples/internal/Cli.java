package net.websocket.examples.internal;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import net.websocket.api.HandshakeException;
import net.websocket.runtime.ClientOptions;

/** Small helpers the command-line examples share: exit codes, URL checks, messages. */
public final class Cli {
    /** The command did what it was asked. */
    public static final int EXIT_OK = 0;
    /** The command failed at run time: no connection, a refused handshake, an abnormal close. */
    public static final int EXIT_FAILURE = 1;
    /** The command line was wrong. */
    public static final int EXIT_USAGE = 2;

    private Cli() {
    }

    /** Parses a {@code ws://} or {@code wss://} URL. */
    public static URI wsUri(String text) throws UsageException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("not a URL: " + text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new UsageException("not a ws:// or wss:// URL: " + text);
        }
        if (uri.getHost() == null) {
            throw new UsageException("no host in URL: " + text);
        }
        return uri;
    }

    /** {@code ws://host:port/} for a bound address, with IPv6 literals in brackets. */
    public static String wsBase(InetSocketAddress address) {
        return wsBase(address, false);
    }

    /** {@code ws://host:port/}, or {@code wss://} when {@code tls}, for a bound address. */
    public static String wsBase(InetSocketAddress address, boolean tls) {
        InetAddress a = address.getAddress();
        String host = a == null ? address.getHostString() : a.getHostAddress();
        if (a instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + compress(zone < 0 ? host : host.substring(0, zone)) + "]";
        }
        return (tls ? "wss://" : "ws://") + host + ":" + address.getPort() + "/";
    }

    /** The short form of a full IPv6 literal (RFC 5952): the longest run of two or more zero groups becomes "::". */
    static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /** A one-line description of why connecting failed. */
    public static String describeConnectFailure(URI uri, IOException e) {
        if (e instanceof HandshakeException h) {
            return "handshake with " + uri + " failed"
                    + (h.status() > 0 ? " (HTTP " + h.status() + ")" : "") + ": " + h.getMessage();
        }
        return "cannot connect to " + uri + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /**
     * Makes every connection of {@code options} go through the HTTP proxy of a {@code --proxy} option,
     * {@code http://HOST:PORT} (port 80 if none is given) or {@code http://USER:PASSWORD@HOST:PORT}: the user and
     * password are only sent when the proxy asks for them (a 407, Basic authentication).
     *
     * @param spec the option's value, or {@code null} for none (options are left as they are)
     * @return {@code options}
     * @throws UsageException if {@code spec} is not such a URL
     */
    public static ClientOptions.Builder proxy(ClientOptions.Builder options, String spec) throws UsageException {
        if (spec == null) {
            return options;
        }
        URI uri;
        try {
            uri = new URI(spec);
        } catch (URISyntaxException e) {
            throw new UsageException("--proxy needs http://HOST:PORT, not: " + spec);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("--proxy needs http://HOST:PORT, not: " + spec);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        options.httpProxy(InetSocketAddress.createUnresolved(host, uri.getPort() < 0 ? 80 : uri.getPort()));
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            char[] password = colon < 0 ? new char[0] : userInfo.substring(colon + 1).toCharArray();
            options.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(user, password)
                            : null;
                }
            });
        }
        return options;
    }
}
