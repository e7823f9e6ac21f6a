package net.websocket.whiteboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

import net.websocket.api.ConnectionSetting;
import net.websocket.api.ConnectionSettings;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.service.metatype.AttributeDefinition;

import org.junit.jupiter.api.Test;

/**
 * The configuration keys named in {@link WhiteboardConfiguration} are exactly those the configuration descriptions
 * define besides the connection settings (the keys Config Admin and Metatype use), so that code using the constants
 * configures what it means to.
 */
class WhiteboardConfigurationTest {

    @Test
    void everyConfigurationKeyHasItsConstantAndEveryConstantIsAKey() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (AttributeDefinition ad : ConfigKeys.server()) {
            keys.add(ad.getID());
        }
        for (AttributeDefinition ad : ConfigKeys.client()) {
            keys.add(ad.getID());
        }
        Set<String> constants = new TreeSet<>();
        for (Field f : WhiteboardConfiguration.class.getFields()) {
            String value = (String) f.get(null);
            if (!value.contains(".")) { // PIDs and service properties are dotted names; keys are not
                constants.add(value);
            }
        }
        assertEquals(keys, constants);
        // the connection settings are configured by their names in the settings table, which no key shadows
        for (ConnectionSetting<?> setting : ConnectionSettings.SETTINGS) {
            assertFalse(keys.contains(setting.name()), setting.name());
        }
    }

    @Test
    void serviceNamesAreDottedAndDistinct() throws Exception {
        Set<String> seen = new TreeSet<>();
        for (Field f : WhiteboardConfiguration.class.getFields()) {
            assertTrue(Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()), f.getName());
            assertTrue(seen.add((String) f.get(null)), "two constants for " + f.get(null));
        }
        assertEquals("net.websocket.server", WhiteboardConfiguration.SERVER_FACTORY_PID);
        assertEquals("net.websocket.client", WhiteboardConfiguration.CLIENT_PID);
    }

}
