package net.websocket.whiteboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import net.websocket.runtime.OriginPolicy;
import net.websocket.runtime.ServerOptions;

/**
 * A server configuration turned into a name and {@link ServerOptions}.
 *
 * @param name       the server's name
 * @param options    its options (the handshake hook and the extensions are set by the whiteboard)
 * @param extensions whether it negotiates extensions (those of the extension services present)
 */
record ServerSettings(String name, ServerOptions options, boolean extensions) {

    /**
     * Converts a configuration.
     *
     * @param pid the configuration's PID, for the default name
     * @throws IllegalArgumentException if a value is out of range, the host is unknown or the key store unusable
     */
    static ServerSettings of(ServerConfig c, String pid) {
        ServerOptions.Builder b = ServerOptions.builder()
                .listen(c.host().isBlank() ? null : c.host().trim(), c.port())
                .backlog(c.backlog())
                .maxFrameSize(c.maxFrameSize())
                .maxMessageSize(c.maxMessageSize())
                .maxRequestHeadSize(c.maxRequestHeadSize())
                .maxConnections(c.maxConnections())
                .handshakeTimeout(Duration.ofMillis(c.handshakeTimeout()))
                .idleTimeout(Duration.ofMillis(c.idleTimeout()))
                .closeTimeout(Duration.ofMillis(c.closeTimeout()))
                .shutdownTimeout(Duration.ofMillis(c.shutdownTimeout()))
                .streamFragmentSize(c.streamFragmentSize())
                .outboundQueueLimit(c.outboundQueueLimit())
                .inboundQueueLimit(c.inboundQueueLimit())
                .dropIncomingPings(c.dropIncomingPings())
                .pingInterval(Duration.ofMillis(c.pingInterval()))
                .pongTimeout(c.pongTimeout() > 0 ? Duration.ofMillis(c.pongTimeout()) : null)
                .accessDenied(c.accessDeniedStatus(), c.accessDeniedBody())
                .propagateProtocolErrors(c.propagateProtocolErrors());
        if (c.ioThreads() > 0) {
            b.ioThreads(c.ioThreads());
        }
        List<String> origins = origins(c.allowedOrigins());
        b.originPolicy(origins.isEmpty() ? OriginPolicy.any() : OriginPolicy.allowing(origins));
        if (c.keyStore() != null && !c.keyStore().isBlank()) {
            b.tls(tls(Path.of(c.keyStore().trim()), c.keyStorePassword(), c.keyStoreType()));
        }
        return new ServerSettings(name(c.name(), pid), b.build(), c.extensions());
    }

    /** The name given, else the part of a named factory configuration's PID after '~', else the PID. */
    static String name(String configured, String pid) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (pid == null) {
            return "default";
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 && tilde < pid.length() - 1 ? pid.substring(tilde + 1) : pid;
    }

    /** The non-blank origins, trimmed ({@code null} and empty arrays allowed). */
    static List<String> origins(String[] configured) {
        if (configured == null) {
            return List.of();
        }
        return Arrays.stream(configured).filter(o -> o != null && !o.isBlank()).map(String::trim).toList();
    }

    /**
     * A server TLS context with the first key entry of a key store whose store and key share the password.
     *
     * @param type PKCS12 or JKS, or blank to recognise it by its content
     * @throws IllegalArgumentException if the file cannot be read or holds no usable key (the message names the
     *                                  file, never the password)
     */
    static SSLContext tls(Path file, String password, String type) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            KeyStore ks;
            if (type == null || type.isBlank()) {
                ks = KeyStore.getInstance(file.toFile(), secret);
            } else {
                ks = KeyStore.getInstance(type.trim());
                try (InputStream in = Files.newInputStream(file)) {
                    ks.load(in, secret);
                }
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, secret);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use key store " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
