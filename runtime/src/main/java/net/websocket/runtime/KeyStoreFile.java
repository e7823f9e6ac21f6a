package net.websocket.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key store or trust store file of {@link TlsOptions}: where it is, how to open it, and what it looks like on disk
 * now (so that a change can be seen). The password opens the store and, for a key store, its keys.
 */
final class KeyStoreFile {

    private final Path path;
    private final char[] password;
    private final String type;

    /**
     * @param type {@code PKCS12}, {@code JKS}, or {@code null} (or blank) to recognise it by its content
     */
    KeyStoreFile(Path path, char[] password, String type) {
        this.path = Objects.requireNonNull(path, "path");
        this.password = password == null ? null : password.clone();
        this.type = type == null || type.isBlank() ? null : type.trim();
    }

    Path path() {
        return path;
    }

    /** {@return the file as it is on disk now: its time of change, size and identity (a replaced file differs)} */
    Object stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
    }

    /** {@return the key managers of its key entries} */
    KeyManager[] keyManagers() throws IOException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(), password == null ? new char[0] : password);
            return kmf.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot use key store " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@return the trust managers of its certificates} */
    TrustManager[] trustManagers() throws IOException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load());
            return tmf.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot use trust store " + path + ": " + e.getMessage(), e);
        }
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file");
        }
        if (type == null) {
            return KeyStore.getInstance(path.toFile(), password); // recognises PKCS12 and JKS
        }
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, password);
        }
        return ks;
    }
}
