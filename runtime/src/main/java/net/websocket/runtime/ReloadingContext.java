package net.websocket.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of {@link TlsOptions} made of key and trust material: from key store and trust store files, or
 * from key and trust managers given. With a check interval, the files are looked at again (their time of change,
 * size and identity) when a new connection asks for the context and the interval has passed since the last look;
 * when one changed, a new context is made of them and serves the connections from then on. Connections already open
 * keep the context they began with. A file that cannot be used (half written, wrong password) is logged and the
 * previous context kept, until the file changes again.
 */
final class ReloadingContext implements Supplier<SSLContext> {

    private static final System.Logger LOG = System.getLogger("net.websocket.runtime.tls");

    private record State(SSLContext context, Object keyStamp, Object trustStamp, long checkedAt) {
    }

    private final KeyStoreFile keyStore;
    private final KeyStoreFile trustStore;
    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;
    /** Nanoseconds between two looks at the files; {@code -1} never looks again. */
    private final long checkNanos;
    private volatile State state;

    /**
     * Makes the first context at once.
     *
     * @param keyStore      the key store file, or {@code null} for {@code keyManagers}
     * @param trustStore    the trust store file, or {@code null} for {@code trustManagers}
     * @param keyManagers   the key managers when there is no key store file; {@code null} for none
     * @param trustManagers the trust managers when there is no trust store file; {@code null} for the JVM's default
     * @param checkNanos    the least time between two looks at the files, {@code -1} for never
     * @throws IOException if a file cannot be used
     */
    ReloadingContext(KeyStoreFile keyStore, KeyStoreFile trustStore, KeyManager[] keyManagers,
            TrustManager[] trustManagers, long checkNanos) throws IOException {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.keyManagers = keyManagers;
        this.trustManagers = trustManagers;
        this.checkNanos = checkNanos;
        Object keyStamp = keyStore == null ? null : keyStore.stamp();
        Object trustStamp = trustStore == null ? null : trustStore.stamp();
        this.state = new State(make(), keyStamp, trustStamp, System.nanoTime());
    }

    @Override
    public SSLContext get() {
        State s = state;
        if (checkNanos < 0 || (keyStore == null && trustStore == null)
                || System.nanoTime() - s.checkedAt < checkNanos) {
            return s.context;
        }
        synchronized (this) {
            s = state;
            long now = System.nanoTime();
            if (now - s.checkedAt < checkNanos) {
                return s.context; // another thread just looked
            }
            Object keyStamp = null;
            Object trustStamp = null;
            try {
                keyStamp = keyStore == null ? null : keyStore.stamp();
                trustStamp = trustStore == null ? null : trustStore.stamp();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "TLS key material unchanged: " + e);
                state = new State(s.context, s.keyStamp, s.trustStamp, now);
                return s.context;
            }
            if (Objects.equals(keyStamp, s.keyStamp) && Objects.equals(trustStamp, s.trustStamp)) {
                state = new State(s.context, keyStamp, trustStamp, now);
                return s.context;
            }
            SSLContext context = s.context;
            try {
                context = make();
                LOG.log(Level.INFO, "TLS key material reloaded from " + files());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "TLS key material kept; cannot reload " + files() + ": " + e.getMessage());
            }
            state = new State(context, keyStamp, trustStamp, now); // a failed file is tried again once it changes
            return context;
        }
    }

    private String files() {
        return (keyStore == null ? "" : keyStore.path().toString())
                + (keyStore != null && trustStore != null ? " and " : "")
                + (trustStore == null ? "" : trustStore.path().toString());
    }

    private SSLContext make() throws IOException {
        KeyManager[] km = keyStore == null ? keyManagers : keyStore.keyManagers();
        TrustManager[] tm = trustStore == null ? trustManagers : trustStore.trustManagers();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(km, tm, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }
}
