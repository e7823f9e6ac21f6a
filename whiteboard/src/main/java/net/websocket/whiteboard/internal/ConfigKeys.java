package net.websocket.whiteboard.internal;

import static net.websocket.whiteboard.WhiteboardConfiguration.ACCESS_DENIED_BODY;
import static net.websocket.whiteboard.WhiteboardConfiguration.ACCESS_DENIED_STATUS;
import static net.websocket.whiteboard.WhiteboardConfiguration.ALLOWED_ORIGINS;
import static net.websocket.whiteboard.WhiteboardConfiguration.BACKLOG;
import static net.websocket.whiteboard.WhiteboardConfiguration.CLIENT_AUTH;
import static net.websocket.whiteboard.WhiteboardConfiguration.EXTENSIONS;
import static net.websocket.whiteboard.WhiteboardConfiguration.HANDSHAKE_TIMEOUT;
import static net.websocket.whiteboard.WhiteboardConfiguration.HOST;
import static net.websocket.whiteboard.WhiteboardConfiguration.HOSTNAME_VERIFICATION;
import static net.websocket.whiteboard.WhiteboardConfiguration.HTTP_WHITEBOARD;
import static net.websocket.whiteboard.WhiteboardConfiguration.HTTP_WHITEBOARD_CONTEXT_SELECT;
import static net.websocket.whiteboard.WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN;
import static net.websocket.whiteboard.WhiteboardConfiguration.IO_THREADS;
import static net.websocket.whiteboard.WhiteboardConfiguration.KEY_STORE;
import static net.websocket.whiteboard.WhiteboardConfiguration.KEY_STORE_PASSWORD;
import static net.websocket.whiteboard.WhiteboardConfiguration.KEY_STORE_TYPE;
import static net.websocket.whiteboard.WhiteboardConfiguration.MAX_CONNECTIONS;
import static net.websocket.whiteboard.WhiteboardConfiguration.MAX_CONNECTIONS_PER_ADDRESS;
import static net.websocket.whiteboard.WhiteboardConfiguration.MAX_HANDSHAKES_IN_PROGRESS;
import static net.websocket.whiteboard.WhiteboardConfiguration.MAX_QUEUED_BYTES;
import static net.websocket.whiteboard.WhiteboardConfiguration.MAX_REQUEST_HEAD_SIZE;
import static net.websocket.whiteboard.WhiteboardConfiguration.MAX_RESPONSE_HEAD_SIZE;
import static net.websocket.whiteboard.WhiteboardConfiguration.NAME;
import static net.websocket.whiteboard.WhiteboardConfiguration.PORT;
import static net.websocket.whiteboard.WhiteboardConfiguration.SHUTDOWN_TIMEOUT;
import static net.websocket.whiteboard.WhiteboardConfiguration.TLS_CIPHER_SUITES;
import static net.websocket.whiteboard.WhiteboardConfiguration.TLS_PROTOCOLS;
import static net.websocket.whiteboard.WhiteboardConfiguration.TLS_RELOAD_INTERVAL;
import static net.websocket.whiteboard.WhiteboardConfiguration.TRUST_STORE;
import static net.websocket.whiteboard.WhiteboardConfiguration.TRUST_STORE_PASSWORD;
import static net.websocket.whiteboard.WhiteboardConfiguration.TRUST_STORE_TYPE;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.osgi.service.metatype.AttributeDefinition;

import net.websocket.api.ConnectionSettings;
import net.websocket.api.ConnectionSetting;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.TlsOptions;

/**
 * The configuration keys of a server or of the client, described for the Metatype service: their own keys, whose
 * defaults are read off {@link ServerOptions#defaults()} and {@link ClientOptions#defaults()}, and the connection
 * settings, described by their table.
 */
final class ConfigKeys {

    private ConfigKeys() {
    }

    /** The server's own keys. */
    static List<AttributeDefinition> server() {
        ServerOptions d = ServerOptions.defaults();
        return List.of(
                key(NAME, "Name", "The name endpoints select with websocket.server and ws:servers shows. "
                        + "Empty: the configuration's name (after '~' in its PID), else the alias of its file "
                        + "(net.websocket.server-ALIAS.cfg, as Karaf's config:edit --factory --alias writes it), "
                        + "else its PID.", AttributeDefinition.STRING, ""),
                key(HOST, "Host", "The address to listen on; '*' for every address.", AttributeDefinition.STRING,
                        d.address().getAddress().getHostAddress()),
                key(PORT, "Port", "The port to listen on; 0 picks a free one.", AttributeDefinition.INTEGER,
                        d.address().getPort()),
                key(BACKLOG, "Backlog", "The listen backlog.", AttributeDefinition.INTEGER, d.backlog()),
                key(MAX_REQUEST_HEAD_SIZE, "Maximum request head size", "The largest HTTP request head accepted, in "
                        + "bytes; larger ones get 431.", AttributeDefinition.INTEGER, d.maxRequestHeadSize()),
                key(MAX_CONNECTIONS, "Maximum connections", "The most connections open at once; more handshakes get "
                        + "503.", AttributeDefinition.INTEGER, d.maxConnections()),
                key(MAX_HANDSHAKES_IN_PROGRESS, "Maximum handshakes in progress", "The most handshakes in progress "
                        + "at once; sockets accepted beyond it get 503 with Retry-After.", AttributeDefinition.INTEGER,
                        d.maxHandshakesInProgress()),
                key(MAX_CONNECTIONS_PER_ADDRESS, "Maximum connections per address", "The most connections and "
                        + "handshakes at once from one source address; beyond it 503 with Retry-After. Behind a "
                        + "reverse proxy, raise it to the maximum connections.", AttributeDefinition.INTEGER,
                        d.maxConnectionsPerAddress()),
                key(MAX_QUEUED_BYTES, "Maximum queued bytes", "The bytes all connections may hold queued together, "
                        + "both ways; over it no connection is read, and the largest stalled ones are dropped.",
                        AttributeDefinition.LONG, d.maxQueuedBytes()),
                key(HANDSHAKE_TIMEOUT, "Handshake timeout", "Milliseconds a client has to send its whole handshake.",
                        AttributeDefinition.LONG, d.handshakeTimeout().toMillis()),
                key(SHUTDOWN_TIMEOUT, "Shutdown timeout", "Milliseconds a stopping server waits for closing "
                        + "handshakes.", AttributeDefinition.LONG, d.shutdownTimeout().toMillis()),
                key(IO_THREADS, "I/O threads", "Selector threads; 0: as many as the runtime picks.",
                        AttributeDefinition.INTEGER, 0),
                new Key(ALLOWED_ORIGINS, "Allowed origins", "The origins (e.g. https://example.com) whose pages may "
                        + "connect, compared without regard to case; handshakes without an Origin header are allowed. "
                        + "Empty: every origin.", AttributeDefinition.STRING, Integer.MAX_VALUE, new String[0], null,
                        null),
                key(ACCESS_DENIED_STATUS, "Access denied status", "The HTTP status (4xx) a handshake from an origin "
                        + "not allowed gets.", AttributeDefinition.INTEGER, d.accessDeniedStatus()),
                key(ACCESS_DENIED_BODY, "Access denied body", "The plain-text body of that answer.",
                        AttributeDefinition.STRING, d.accessDeniedBody()),
                key(EXTENSIONS, "Extensions", "Negotiate extensions (permessage-deflate) with the extension services "
                        + "present; off: plain frames only.", AttributeDefinition.BOOLEAN, true),
                key(KEY_STORE, "Key store", "A key store file whose key the server serves TLS (wss://) with, read "
                        + "again when it changes on disk (for new connections); empty: plain ws://.",
                        AttributeDefinition.STRING, ""),
                key(KEY_STORE_PASSWORD, "Key store password", "The password of the key store and its key.",
                        AttributeDefinition.PASSWORD, ""),
                key(KEY_STORE_TYPE, "Key store type", "PKCS12 or JKS; empty: recognised by the file's content.",
                        AttributeDefinition.STRING, ""),
                key(TRUST_STORE, "Trust store", "A trust store file whose certificates vouch for client "
                        + "certificates; empty: the JVM's default trust store.", AttributeDefinition.STRING, ""),
                key(TRUST_STORE_PASSWORD, "Trust store password", "The password of the trust store; empty: none.",
                        AttributeDefinition.PASSWORD, ""),
                key(TRUST_STORE_TYPE, "Trust store type", "PKCS12 or JKS; empty: recognised by the file's content.",
                        AttributeDefinition.STRING, ""),
                options(CLIENT_AUTH, "Client certificates", "Whether TLS clients are asked for a certificate: none, "
                        + "want (asked, not required) or need (required).",
                        TlsOptions.ClientAuth.NONE.name().toLowerCase(Locale.ROOT), "none", "want", "need"),
                new Key(TLS_PROTOCOLS, "TLS protocols", "The TLS versions enabled, e.g. TLSv1.3; empty: "
                        + String.join(" and ", TlsOptions.DEFAULT_PROTOCOLS) + ".", AttributeDefinition.STRING,
                        Integer.MAX_VALUE, new String[0], null, null),
                new Key(TLS_CIPHER_SUITES, "TLS cipher suites", "The TLS cipher suites enabled, in order of "
                        + "preference; empty: the JVM's defaults.", AttributeDefinition.STRING, Integer.MAX_VALUE,
                        new String[0], null, null),
                key(TLS_RELOAD_INTERVAL, "TLS reload interval", "The least milliseconds between two looks at the key "
                        + "and trust store files for a change, as new connections arrive; 0: at every new connection; "
                        + "negative: never.", AttributeDefinition.LONG, ServerSettings.TLS_RELOAD_INTERVAL_MILLIS),
                key(HTTP_WHITEBOARD, "On the HTTP whiteboard", "Serve on the OSGi HTTP whiteboard's port (the bundle "
                        + "net.websocket.whiteboard.http publishes the server as a servlet) instead of a socket of its "
                        + "own; host, port, backlog, head size, handshakes in progress, connections per address and "
                        + "TLS are then the HTTP service's. Default true for the server named http-whiteboard.",
                        AttributeDefinition.BOOLEAN, false),
                new Key(HTTP_WHITEBOARD_PATTERN, "HTTP whiteboard patterns", "The servlet patterns its handshakes "
                        + "arrive by on the HTTP whiteboard (osgi.http.whiteboard.servlet.pattern); the endpoints' "
                        + "paths see the whole request path. For the server named http-whiteboard, absent: the "
                        + "patterns covering its endpoints' paths.", AttributeDefinition.STRING, Integer.MAX_VALUE,
                        new String[] {ServerSettings.DEFAULT_HTTP_PATTERN}, null, null),
                key(HTTP_WHITEBOARD_CONTEXT_SELECT, "HTTP whiteboard context", "The filter selecting its servlet "
                        + "context (osgi.http.whiteboard.context.select); empty: the default context.",
                        AttributeDefinition.STRING, ""));
    }

    /** The client's own keys. */
    static List<AttributeDefinition> client() {
        ClientOptions d = ClientOptions.defaults();
        return List.of(
                key(MAX_RESPONSE_HEAD_SIZE, "Maximum response head size", "The largest HTTP response head to an "
                        + "opening handshake, in bytes.", AttributeDefinition.INTEGER, d.maxResponseHeadSize()),
                key(IO_THREADS, "I/O threads", "Selector threads of the client.", AttributeDefinition.INTEGER,
                        d.ioThreads()),
                key(EXTENSIONS, "Extensions", "Negotiate extensions (permessage-deflate) with the extension services "
                        + "present; off: plain frames only.", AttributeDefinition.BOOLEAN, true),
                key(HOSTNAME_VERIFICATION, "Host name verification", "Check that a wss:// server's certificate names "
                        + "the host connected to.", AttributeDefinition.BOOLEAN, d.hostnameVerification()));
    }

    /** A connection setting as an attribute: name, type and default from the table, values checked by its rule. */
    static AttributeDefinition setting(ConnectionSetting<?> s) {
        int type = switch (s.unit()) {
            case FLAG -> AttributeDefinition.BOOLEAN;
            case TIME -> AttributeDefinition.LONG;
            case BYTES, COUNT -> s.type() == Integer.class ? AttributeDefinition.INTEGER : AttributeDefinition.LONG;
        };
        String description = s.description() + (s.unit() == ConnectionSetting.Unit.TIME ? " In milliseconds." : "");
        return new Key(s.name(), s.name(), description, type, 0, new String[] {SettingProperties.defaultText(s)},
                null, value -> {
                    try {
                        s.validate(SettingProperties.value(s, value));
                        return "";
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                });
    }

    private static Key key(String id, String name, String description, int type, Object defaultValue) {
        return new Key(id, name, description, type, 0, new String[] {String.valueOf(defaultValue)}, null,
                null);
    }

    /** A string key that takes one of {@code values}. */
    private static Key options(String id, String name, String description, String defaultValue, String... values) {
        return new Key(id, name, description, AttributeDefinition.STRING, 0, new String[] {defaultValue}, values,
                value -> List.of(values).contains(value.trim().toLowerCase(Locale.ROOT)) ? ""
                        : id + " must be one of " + String.join(", ", values));
    }

    /**
     * One key as the Metatype service sees it.
     *
     * @param options   the values it may take, or {@code null} for any
     * @param validator the check of a value ({@code ""} when valid, else the reason), or {@code null} for none
     */
    private record Key(String id, String name, String description, int type, int cardinality, String[] defaults,
            String[] options, Function<String, String> validator) implements AttributeDefinition {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return options == null ? null : options.clone();
        }

        @Override
        public String[] getOptionLabels() {
            return options == null ? null : options.clone();
        }

        @Override
        public String validate(String value) {
            return validator == null ? null : validator.apply(value);
        }

        @Override
        public String[] getDefaultValue() {
            return defaults.clone();
        }
    }
}
