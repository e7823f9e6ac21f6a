package net.websocket.whiteboard.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.runtime.OriginPolicy;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.TlsOptions;
import net.websocket.whiteboard.WhiteboardConfiguration;

/**
 * A server configuration turned into a name and {@link ServerOptions}.
 *
 * @param name       the server's name
 * @param options    its options (the handshake hook and the extensions are set by the whiteboard)
 * @param extensions whether it negotiates extensions (those of the extension services present)
 * @param http       where it is served on the OSGi HTTP whiteboard, or {@code null} for a socket of its own
 */
record ServerSettings(String name, ServerOptions options, boolean extensions, HttpWhiteboard http) {

    /** The default of {@value WhiteboardConfiguration#HTTP_WHITEBOARD_PATTERN}: every path of the context. */
    static final String DEFAULT_HTTP_PATTERN = "/*";

    /**
     * A server's place on the OSGi HTTP whiteboard.
     *
     * @param patterns      its servlet patterns; empty: those covering its endpoints' paths ({@link ServletPatterns})
     * @param contextSelect the filter selecting its servlet context, or {@code null} for the default one
     */
    record HttpWhiteboard(List<String> patterns, String contextSelect) {
        HttpWhiteboard {
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * Converts a configuration: the server's own keys ({@link ConfigKeys#server()}), absent ones taking
     * {@link ServerOptions#defaults()}, and the connection settings through their table.
     *
     * @param c   the configuration's properties
     * @param pid the configuration's PID, for the default name
     * @throws IllegalArgumentException if a value is out of range, the host is unknown or the key store unusable
     */
    static ServerSettings of(Map<String, ?> c, String pid) {
        ServerOptions d = ServerOptions.defaults();
        String host = raw(c, WhiteboardConfiguration.HOST);
        ServerOptions.Builder b = ServerOptions.builder()
                .listen(host == null ? d.address().getAddress().getHostAddress() : host.isBlank() ? null : host.trim(),
                        ServiceProps.integer(c, WhiteboardConfiguration.PORT, d.address().getPort()))
                .backlog(ServiceProps.integer(c, WhiteboardConfiguration.BACKLOG, d.backlog()))
                .maxRequestHeadSize(ServiceProps.integer(c, WhiteboardConfiguration.MAX_REQUEST_HEAD_SIZE,
                        d.maxRequestHeadSize()))
                .maxConnections(ServiceProps.integer(c, WhiteboardConfiguration.MAX_CONNECTIONS, d.maxConnections()))
                .maxHandshakesInProgress(ServiceProps.integer(c, WhiteboardConfiguration.MAX_HANDSHAKES_IN_PROGRESS,
                        d.maxHandshakesInProgress()))
                .maxConnectionsPerAddress(ServiceProps.integer(c, WhiteboardConfiguration.MAX_CONNECTIONS_PER_ADDRESS,
                        d.maxConnectionsPerAddress()))
                .maxQueuedBytes(ServiceProps.whole(c, WhiteboardConfiguration.MAX_QUEUED_BYTES, d.maxQueuedBytes()))
                .handshakeTimeout(millis(c, WhiteboardConfiguration.HANDSHAKE_TIMEOUT, d.handshakeTimeout()))
                .shutdownTimeout(millis(c, WhiteboardConfiguration.SHUTDOWN_TIMEOUT, d.shutdownTimeout()))
                .accessDenied(ServiceProps.integer(c, WhiteboardConfiguration.ACCESS_DENIED_STATUS,
                        d.accessDeniedStatus()), accessDeniedBody(c, d));
        SettingProperties.read(c, "", b);
        int ioThreads = ServiceProps.integer(c, WhiteboardConfiguration.IO_THREADS, 0);
        if (ioThreads > 0) {
            b.ioThreads(ioThreads);
        }
        List<String> origins = ServiceProps.strings(c, WhiteboardConfiguration.ALLOWED_ORIGINS);
        b.originPolicy(origins.isEmpty() ? OriginPolicy.any() : OriginPolicy.allowing(origins));
        String keyStore = ServiceProps.string(c, WhiteboardConfiguration.KEY_STORE);
        if (keyStore != null) {
            b.tlsOptions(tls(c, Path.of(keyStore)));
        }
        String name = name(c, pid);
        return new ServerSettings(name, b.build(),
                ServiceProps.flag(c, WhiteboardConfiguration.EXTENSIONS, true), http(c, name));
    }

    /**
     * The HTTP whiteboard keys: {@code null} unless {@value WhiteboardConfiguration#HTTP_WHITEBOARD} is set (by
     * default it is for the server {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER}, whose patterns, if none are
     * configured, follow its endpoints' paths: an empty list).
     */
    private static HttpWhiteboard http(Map<String, ?> c, String name) {
        boolean onDemandName = WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER.equals(name);
        if (!ServiceProps.flag(c, WhiteboardConfiguration.HTTP_WHITEBOARD, onDemandName)) {
            return null;
        }
        List<String> patterns = ServiceProps.strings(c, WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN);
        for (String p : patterns) {
            if (!p.startsWith("/") && !p.startsWith("*.")) {
                throw new IllegalArgumentException(WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN
                        + " must hold servlet patterns (/path, /path/*, *.ext), not " + p);
            }
        }
        String select = ServiceProps.string(c, WhiteboardConfiguration.HTTP_WHITEBOARD_CONTEXT_SELECT);
        return new HttpWhiteboard(patterns.isEmpty() && !onDemandName ? List.of(DEFAULT_HTTP_PATTERN) : patterns,
                select == null || select.isBlank() ? null : select.trim());
    }

    /** A time in milliseconds, or {@code absent}. */
    static Duration millis(Map<String, ?> c, String key, Duration absent) {
        return Duration.ofMillis(ServiceProps.whole(c, key, absent.toMillis()));
    }

    /** The access-denied body as configured (not trimmed: it is the answer's text), or the default. */
    private static String accessDeniedBody(Map<String, ?> c, ServerOptions d) {
        String body = raw(c, WhiteboardConfiguration.ACCESS_DENIED_BODY);
        return body == null ? d.accessDeniedBody() : body;
    }

    /** A string property as given, or {@code null}. */
    private static String raw(Map<String, ?> c, String key) {
        Object v = c.get(key);
        return v == null ? null : v.toString();
    }

    /**
     * The server's name: the {@value WhiteboardConfiguration#NAME} given; else the part of a named factory
     * configuration's PID after '~'; else the alias in the name of the file the configuration came from
     * ({@value #FILE_PROPERTY}, {@code .../net.websocket.server-ALIAS.cfg}, as Karaf's
     * {@code config:edit --factory --alias ALIAS} and File Install write it); else the PID.
     *
     * @param c   the configuration's properties
     * @param pid the configuration's PID, or {@code null}
     */
    static String name(Map<String, ?> c, String pid) {
        String configured = ServiceProps.string(c, WhiteboardConfiguration.NAME);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (pid == null) {
            return "default";
        }
        int tilde = pid.indexOf('~');
        if (tilde >= 0 && tilde < pid.length() - 1) {
            return pid.substring(tilde + 1);
        }
        String alias = fileAlias(ServiceProps.string(c, FILE_PROPERTY));
        return alias == null ? pid : alias;
    }

    /** The property Apache Felix File Install (and so Karaf) sets to the URI of a configuration's file. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    /**
     * The ALIAS of a file name {@code net.websocket.server-ALIAS.cfg} (or {@code .config}, {@code .json}), at the end
     * of a URI or path; {@code null} for any other name.
     */
    static String fileAlias(String file) {
        if (file == null) {
            return null;
        }
        String f = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        String prefix = WhiteboardConfiguration.SERVER_FACTORY_PID + "-";
        int dot = f.lastIndexOf('.');
        if (!f.startsWith(prefix) || dot <= prefix.length()) {
            return null;
        }
        return f.substring(prefix.length(), dot);
    }

    /** The default of {@value WhiteboardConfiguration#TLS_RELOAD_INTERVAL}, in milliseconds. */
    static final long TLS_RELOAD_INTERVAL_MILLIS = 1000;

    /**
     * A server's TLS settings: its key store (store and key share the password), trust store, client
     * authentication, protocols and cipher suites, and how often the files are looked at for a change.
     *
     * @throws IllegalArgumentException if a store cannot be read or holds no usable key (the message names the
     *                                  file, never the password), or a value is not known
     */
    static TlsOptions tls(Map<String, ?> c, Path keyStore) {
        char[] secret = password(c, WhiteboardConfiguration.KEY_STORE_PASSWORD);
        char[] trustSecret = password(c, WhiteboardConfiguration.TRUST_STORE_PASSWORD);
        try {
            TlsOptions.Builder b = TlsOptions.builder().keyStore(keyStore, secret,
                    ServiceProps.string(c, WhiteboardConfiguration.KEY_STORE_TYPE));
            String trustStore = ServiceProps.string(c, WhiteboardConfiguration.TRUST_STORE);
            if (trustStore != null) {
                b.trustStore(Path.of(trustStore), trustSecret.length == 0 ? null : trustSecret,
                        ServiceProps.string(c, WhiteboardConfiguration.TRUST_STORE_TYPE));
            }
            List<String> protocols = ServiceProps.strings(c, WhiteboardConfiguration.TLS_PROTOCOLS);
            if (!protocols.isEmpty()) {
                b.protocols(protocols.toArray(new String[0]));
            }
            b.cipherSuites(ServiceProps.strings(c, WhiteboardConfiguration.TLS_CIPHER_SUITES).toArray(new String[0]));
            b.clientAuth(clientAuth(ServiceProps.string(c, WhiteboardConfiguration.CLIENT_AUTH)));
            long reload = ServiceProps.whole(c, WhiteboardConfiguration.TLS_RELOAD_INTERVAL,
                    TLS_RELOAD_INTERVAL_MILLIS);
            b.reloadOnChange(reload < 0 ? null : Duration.ofMillis(reload));
            return b.build();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
            Arrays.fill(trustSecret, '\0');
        }
    }

    /** {@return the client authentication named (none, want, need; any case), {@code none} when absent} */
    static TlsOptions.ClientAuth clientAuth(String name) {
        if (name == null) {
            return TlsOptions.ClientAuth.NONE;
        }
        try {
            return TlsOptions.ClientAuth.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WhiteboardConfiguration.CLIENT_AUTH + " must be none, want or need, not "
                    + name);
        }
    }

    private static char[] password(Map<String, ?> c, String key) {
        String password = raw(c, key);
        return password == null ? new char[0] : password.toCharArray();
    }
}
