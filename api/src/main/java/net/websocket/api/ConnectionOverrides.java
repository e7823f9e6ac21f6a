package net.websocket.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Some {@link ConnectionSettings} of one connection that differ from those of its server or client: each setting is
 * either set here or left to the next level down. The levels, most specific first:
 * <ol>
 * <li>the {@link HandshakeDecision.Accept} of the handshake hook (one connection), or the client's
 * {@link ConnectRequest#overrides()};</li>
 * <li>the {@link ServiceMapper} entry the handshake was routed to ({@link ServiceMapper.RouteEntry#with});</li>
 * <li>its route ({@link ServiceMapper.Builder#route(String, ConnectionOverrides, ServiceMapper.RouteEntry...)});</li>
 * <li>the server's or client's options.</li>
 * </ol>
 * Settings that apply before a request is routed (the handshake timeout, the request-head size, the connection
 * count) are the server's alone. When the ping interval is overridden and the pong timeout is not, the pong timeout
 * is the level below's explicit one if it has one, else the new ping interval.
 *
 * <p>A duration of {@link Duration#ZERO} turns off what it times (the idle timeout, the close timeout, keepalive), as
 * it does in the options. Immutable and thread-safe; build with {@link #builder()}, with the setters every settings
 * builder has ({@link ConnectionSettings.Setters}).
 */
public final class ConnectionOverrides {

    private static final ConnectionOverrides NONE = builder().build();

    /** The value of each setting set here, by table index; {@code null} where not set. */
    private final Object[] values;

    private ConnectionOverrides(Object[] values) {
        this.values = values;
    }

    /** {@return the overrides that override nothing} */
    public static ConnectionOverrides none() {
        return NONE;
    }

    /** {@return a builder that overrides nothing yet} */
    public static Builder builder() {
        return new Builder(new Object[ConnectionSettings.size()]);
    }

    /** {@return a builder starting from these overrides} */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /** {@return whether this overrides nothing} */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * {@return the value this sets for {@code setting}, if it sets one}
     *
     * @param <T>     the setting's value type
     * @param setting a setting of {@link ConnectionSettings#SETTINGS}
     */
    public <T> Optional<T> get(ConnectionSetting<T> setting) {
        return Optional.ofNullable(setting.type().cast(values[setting.index()]));
    }

    /**
     * {@return these overrides, then {@code more} on top: each setting {@code more} has replaces this one's}
     *
     * @param more the overrides of the more specific level; not {@code null}
     */
    public ConnectionOverrides then(ConnectionOverrides more) {
        Objects.requireNonNull(more, "more");
        if (more.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return more;
        }
        Object[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            if (more.values[i] != null) {
                v[i] = more.values[i];
            }
        }
        return new ConnectionOverrides(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionOverrides other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** Lists the settings overridden, e.g. {@code ConnectionOverrides[maxMessageSize=65536, idleTimeout=PT5S]}. */
    @Override
    public String toString() {
        return "ConnectionOverrides" + ConnectionSettings.describe(values);
    }

    /** Builds {@link ConnectionOverrides}; a setting never set is not overridden. */
    public static final class Builder extends ConnectionSettings.Setters<Builder> {
        private final Object[] values;

        private Builder(Object[] start) {
            this.values = start.clone();
        }

        @Override
        protected void store(ConnectionSetting<?> setting, Object value) {
            values[setting.index()] = value;
        }

        /** {@return overrides of the settings set on this builder} */
        public ConnectionOverrides build() {
            return new ConnectionOverrides(values.clone());
        }
    }
}
