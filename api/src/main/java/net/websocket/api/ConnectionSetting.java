package net.websocket.api;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One connection setting, a row of the table {@link ConnectionSettings#SETTINGS}: its name (also its configuration
 * property name), type, unit, default and the rule a value must meet, stated once. The rows are the constants of
 * {@link ConnectionSettings} ({@link ConnectionSettings#MAX_FRAME_SIZE} and the others); none is made elsewhere.
 *
 * @param <T> the value type
 */
@ProviderType
public final class ConnectionSetting<T> {
    private final int index;
    private final String name;
    private final Class<T> type;
    private final Unit unit;
    private final T defaultValue;
    private final Rule rule;
    private final String description;

    ConnectionSetting(int index, String name, Class<T> type, Unit unit, T defaultValue, Rule rule,
            String description) {
        this.index = index;
        this.name = name;
        this.type = type;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.rule = rule;
        this.description = description;
    }

    /**
     * {@return the name, as in the getter and setter and in configuration properties, e.g. {@code "idleTimeout"}}
     */
    public String name() {
        return name;
    }

    /** {@return the value type: {@code Long}, {@code Integer}, {@code Duration} or {@code Boolean}} */
    public Class<T> type() {
        return type;
    }

    /** {@return what the value measures} */
    public Unit unit() {
        return unit;
    }

    /**
     * {@return the default value; {@code null} only for {@link ConnectionSettings#PONG_TIMEOUT}, whose default
     * follows the ping interval}
     */
    public T defaultValue() {
        return defaultValue;
    }

    /** {@return one line saying what the setting does, for configuration descriptions (e.g. OSGi Metatype)} */
    public String description() {
        return description;
    }

    /**
     * Checks a value against this setting's rule.
     *
     * @param value the value: a {@link #type()}; {@code null} only for the pong timeout (unset)
     * @return the value
     * @throws IllegalArgumentException if the value is of the wrong type or breaks the rule
     */
    public T validate(Object value) {
        if (value == null) {
            if (rule == Rule.POSITIVE_OR_UNSET) {
                return null;
            }
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(name + " must be a " + type.getSimpleName() + ", not " + value);
        }
        T v = type.cast(value);
        boolean ok = switch (rule) {
            case ANY -> true;
            case POSITIVE, POSITIVE_OR_UNSET -> value instanceof Duration d
                    ? !d.isNegative() && !d.isZero() : ((Number) value).longValue() > 0;
            case NOT_NEGATIVE -> !((Duration) value).isNegative();
        };
        if (!ok) {
            throw new IllegalArgumentException(name + (rule == Rule.NOT_NEGATIVE ? " must not be negative"
                    : " must be positive") + ": " + value);
        }
        return v;
    }

    /** The setting's position in the table (its index into a settings' values). */
    int index() {
        return index;
    }

    @Override
    public String toString() {
        return name;
    }

    /** What kind of quantity a setting is, for configuration layers that read text or numbers. */
    public enum Unit {
        /** A number of bytes ({@code Long} or {@code Integer}). */
        BYTES,
        /** A {@link Duration}; configuration layers take it in milliseconds. */
        TIME,
        /** A {@code Boolean}. */
        FLAG,
        /**
         * A count of things ({@code Integer}).
         *
         * @since 1.3
         */
        COUNT
    }

    /** The rule a value must meet. */
    enum Rule {
        ANY,
        POSITIVE,
        NOT_NEGATIVE,
        /** Positive, or {@code null} for "not set" (the pong timeout, which then follows the ping interval). */
        POSITIVE_OR_UNSET
    }
}
