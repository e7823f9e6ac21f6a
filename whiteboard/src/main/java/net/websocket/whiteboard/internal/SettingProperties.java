package net.websocket.whiteboard.internal;

import java.time.Duration;
import java.util.Map;

import net.websocket.api.ConnectionSetting;
import net.websocket.api.ConnectionSettings;

/**
 * Reads connection settings from configuration or service properties through the table of
 * {@link ConnectionSettings#SETTINGS}: the property of each setting is its {@link ConnectionSetting#name()} (after a prefix,
 * for endpoint properties); sizes are whole numbers of bytes, times whole numbers of milliseconds, flags booleans.
 * Numbers may be {@code Long}, {@code Integer}, {@code Short}, {@code Byte} or a decimal {@code String}; flags
 * {@code Boolean} or {@code "true"}/{@code "false"}. A time of 0 for a setting whose default is unset (the pong
 * timeout, which then follows the ping interval) leaves it unset.
 */
final class SettingProperties {

    private SettingProperties() {
    }

    /**
     * Sets on {@code target} every setting whose property is present.
     *
     * @param prefix what precedes each setting's name in {@code props} ({@code ""} for configurations)
     * @throws IllegalArgumentException naming the property whose value is not a valid setting
     */
    @SuppressWarnings("unchecked")
    static void read(Map<String, ?> props, String prefix, ConnectionSettings.Setters<?> target) {
        for (ConnectionSetting<?> s : ConnectionSettings.SETTINGS) {
            String key = prefix + s.name();
            Object raw = props.get(key);
            if (raw == null) {
                continue;
            }
            try {
                target.set((ConnectionSetting<Object>) s, value(s, raw));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad " + key + ": " + e.getMessage(), e);
            }
        }
    }

    /** The setting's value for a property value, by the setting's unit and type. */
    static Object value(ConnectionSetting<?> s, Object raw) {
        return switch (s.unit()) {
            case FLAG -> ServiceProps.flag(raw);
            case TIME -> {
                long ms = ServiceProps.whole(raw);
                yield ms == 0 && s.defaultValue() == null ? null : Duration.ofMillis(ms);
            }
            case BYTES, COUNT -> {
                long n = ServiceProps.whole(raw);
                if (s.type() == Integer.class) {
                    if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
                        throw new IllegalArgumentException("too large: " + n);
                    }
                    yield (int) n;
                }
                yield n;
            }
        };
    }

    /**
     * The default of a setting as configuration text (metatype): milliseconds for times (0 for an unset one), the
     * number of bytes, or the flag.
     */
    static String defaultText(ConnectionSetting<?> s) {
        Object d = s.defaultValue();
        if (d == null) {
            return "0";
        }
        return d instanceof Duration t ? Long.toString(t.toMillis()) : d.toString();
    }
}
