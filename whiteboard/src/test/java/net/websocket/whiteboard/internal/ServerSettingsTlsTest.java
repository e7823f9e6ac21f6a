package net.websocket.whiteboard.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import net.websocket.runtime.TlsOptions;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.service.metatype.AttributeDefinition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS keys of a server configuration: how they are read and described. */
class ServerSettingsTlsTest {

    @Test
    void clientAuthIsNamedInAnyCase() {
        assertEquals(TlsOptions.ClientAuth.NEED, ServerSettings.clientAuth(" Need "));
        assertEquals(TlsOptions.ClientAuth.WANT, ServerSettings.clientAuth("want"));
        assertEquals(TlsOptions.ClientAuth.NONE, ServerSettings.clientAuth(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.clientAuth("sometimes"));
        assertTrue(e.getMessage().contains(WhiteboardConfiguration.CLIENT_AUTH), e.getMessage());
    }

    @Test
    void aMissingKeyStoreIsReportedByItsNameNeverItsPassword(@TempDir Path dir) {
        Path missing = dir.resolve("missing.p12");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerSettings.of(Map.of(
                WhiteboardConfiguration.KEY_STORE, missing.toString(),
                WhiteboardConfiguration.KEY_STORE_PASSWORD, "secret-for-the-test"), "net.websocket.server~tls"));
        assertTrue(e.getMessage().contains("cannot use key store") && e.getMessage().contains("missing.p12"),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret-for-the-test"), e.getMessage());
    }

    @Test
    void metatypeOffersTheClientAuthValuesAndChecksThem() {
        AttributeDefinition clientAuth = ConfigKeys.server().stream()
                .filter(a -> a.getID().equals(WhiteboardConfiguration.CLIENT_AUTH)).findFirst().orElseThrow();
        assertArrayEquals(new String[] {"none", "want", "need"}, clientAuth.getOptionValues());
        assertArrayEquals(new String[] {"none"}, clientAuth.getDefaultValue());
        assertEquals("", clientAuth.validate("need"));
        assertFalse(clientAuth.validate("sometimes").isEmpty());
        AttributeDefinition reload = ConfigKeys.server().stream()
                .filter(a -> a.getID().equals(WhiteboardConfiguration.TLS_RELOAD_INTERVAL)).findFirst().orElseThrow();
        assertArrayEquals(new String[] {String.valueOf(ServerSettings.TLS_RELOAD_INTERVAL_MILLIS)},
                reload.getDefaultValue());
    }
}
