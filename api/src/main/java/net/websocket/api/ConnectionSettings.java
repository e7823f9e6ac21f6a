package net.websocket.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import net.websocket.api.ConnectionSetting.Rule;
import net.websocket.api.ConnectionSetting.Unit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The settings of one connection, whichever side it is on: limits, timeouts, keepalive, queues and the ping and
 * error policies. Immutable and thread-safe; build with {@link #builder()} or change a copy with
 * {@link #toBuilder()}.
 *
 * <p>This is the one place where a connection setting is defined: {@link #SETTINGS} is its table (name, type, unit,
 * default, validation), the typed getters below read it, and {@link Setters} writes it. Server and client options
 * embed a {@code ConnectionSettings} ({@code ServerOptions.connection()}, {@code ClientOptions.connection()}) and
 * their builders take the same setters; {@link ConnectionOverrides} set some of these settings for a route, a route
 * entry or one connection, on top of the options ({@link #with(ConnectionOverrides)}); configuration layers (OSGi
 * Config Admin, service properties) map their properties onto the table by {@link ConnectionSetting#name()}.
 *
 * <p>A duration of {@link Duration#ZERO} turns off what it times (the idle timeout, the close timeout, keepalive).
 */
@ProviderType
public final class ConnectionSettings {

    /** The default largest frame and message, 1 MiB: large enough for most applications, small enough to hold. */
    public static final long DEFAULT_SIZE_LIMIT = 1L << 20;

    /** The default queue limits, 4 MiB each way: a few large messages in flight, bounded per connection. */
    public static final int DEFAULT_QUEUE_LIMIT = 4 << 20;

    // ================================================================================================ the table

    private static int count;

    /** The largest frame payload accepted, in bytes; a larger frame is refused with 1009 before it is read. */
    public static final ConnectionSetting<Long> MAX_FRAME_SIZE = setting("maxFrameSize", Long.class, Unit.BYTES,
            DEFAULT_SIZE_LIMIT, Rule.POSITIVE, "The largest frame payload accepted, in bytes (larger: close 1009).");

    /** The largest message accepted, in bytes, after reassembly and decompression. */
    public static final ConnectionSetting<Long> MAX_MESSAGE_SIZE = setting("maxMessageSize", Long.class, Unit.BYTES,
            DEFAULT_SIZE_LIMIT, Rule.POSITIVE, "The largest message accepted, in bytes (larger: close 1009).");

    /** How long the connection may receive nothing from the peer before it is closed with 1001. */
    public static final ConnectionSetting<Duration> IDLE_TIMEOUT = setting("idleTimeout", Duration.class, Unit.TIME,
            Duration.ofSeconds(300), Rule.NOT_NEGATIVE,
            "Close a connection that received nothing for this long (0: never).");

    /** How long to wait for the peer's answer to our close frame. */
    public static final ConnectionSetting<Duration> CLOSE_TIMEOUT = setting("closeTimeout", Duration.class, Unit.TIME,
            Duration.ofSeconds(5), Rule.NOT_NEGATIVE,
            "How long to wait for the peer's close frame after ours (0: forever).");

    /** Keepalive: how long without input before a ping is sent. */
    public static final ConnectionSetting<Duration> PING_INTERVAL = setting("pingInterval", Duration.class, Unit.TIME,
            Duration.ofSeconds(15), Rule.NOT_NEGATIVE,
            "Send a keepalive ping after this long without input (0: no keepalive).");

    /** Keepalive: how long after a ping the peer must show a sign of life; unset, the ping interval. */
    public static final ConnectionSetting<Duration> PONG_TIMEOUT = setting("pongTimeout", Duration.class, Unit.TIME,
            null, Rule.POSITIVE_OR_UNSET, "Drop a peer that shows no sign of life this long after a keepalive ping"
                    + " (default: the ping interval).");

    /** Whether received pings are left unanswered. */
    public static final ConnectionSetting<Boolean> DROP_INCOMING_PINGS = setting("dropIncomingPings", Boolean.class,
            Unit.FLAG, false, Rule.ANY, "Leave the peer's pings unanswered.");

    /** Whether the peer's protocol errors are reported to the endpoint. */
    public static final ConnectionSetting<Boolean> PROPAGATE_PROTOCOL_ERRORS = setting("propagateProtocolErrors",
            Boolean.class, Unit.FLAG, false, Rule.ANY, "Report the peer's protocol errors to the endpoint.");

    /** Bytes queued for sending beyond which blocking sends wait and asynchronous sends fail. */
    public static final ConnectionSetting<Integer> OUTBOUND_QUEUE_LIMIT = setting("outboundQueueLimit", Integer.class,
            Unit.BYTES, DEFAULT_QUEUE_LIMIT, Rule.POSITIVE,
            "Bytes queued for sending beyond which blocking sends wait and asynchronous sends fail.");

    /** Bytes received and not yet taken by the endpoint beyond which the socket is not read. */
    public static final ConnectionSetting<Integer> INBOUND_QUEUE_LIMIT = setting("inboundQueueLimit", Integer.class,
            Unit.BYTES, DEFAULT_QUEUE_LIMIT, Rule.POSITIVE,
            "Bytes received and not yet taken beyond which reading pauses.");

    /** The fragment size of messages sent through streams. */
    public static final ConnectionSetting<Integer> STREAM_FRAGMENT_SIZE = setting("streamFragmentSize", Integer.class,
            Unit.BYTES, 64 * 1024, Rule.POSITIVE, "The fragment size of streamed messages, in bytes.");

    /**
     * How long bytes may wait for a peer that takes none of them before the connection is dropped.
     *
     * @since 1.1
     */
    public static final ConnectionSetting<Duration> WRITE_TIMEOUT = setting("writeTimeout", Duration.class, Unit.TIME,
            Duration.ofSeconds(30), Rule.NOT_NEGATIVE,
            "Drop a connection whose peer takes none of the bytes waiting for it for this long (0: never).");

    /**
     * How long a blocking send waits for room in the outbound queue before it fails.
     *
     * @since 1.1
     */
    public static final ConnectionSetting<Duration> SEND_TIMEOUT = setting("sendTimeout", Duration.class, Unit.TIME,
            Duration.ofSeconds(60), Rule.NOT_NEGATIVE,
            "How long a blocking send waits for room in the outbound queue before it fails (0: forever).");

    /**
     * How many messages of one connection a {@link Listener}'s callbacks handle at once, on handler threads.
     *
     * @since 1.3
     */
    public static final ConnectionSetting<Integer> MAX_CONCURRENT_MESSAGES = setting("maxConcurrentMessages",
            Integer.class, Unit.COUNT, 1, Rule.POSITIVE,
            "Messages of one connection a listener handles at once (1: one at a time, in order).");

    /** Every setting, in a fixed order. */
    public static final List<ConnectionSetting<?>> SETTINGS = List.of(MAX_FRAME_SIZE, MAX_MESSAGE_SIZE, IDLE_TIMEOUT,
            CLOSE_TIMEOUT, PING_INTERVAL, PONG_TIMEOUT, DROP_INCOMING_PINGS, PROPAGATE_PROTOCOL_ERRORS,
            OUTBOUND_QUEUE_LIMIT, INBOUND_QUEUE_LIMIT, STREAM_FRAGMENT_SIZE, WRITE_TIMEOUT, SEND_TIMEOUT,
            MAX_CONCURRENT_MESSAGES);

    private static <T> ConnectionSetting<T> setting(String name, Class<T> type, Unit unit, T defaultValue, Rule rule,
            String description) {
        return new ConnectionSetting<>(count++, name, type, unit, defaultValue, rule, description);
    }

    /**
     * {@return the setting with this name, or {@code null}}
     *
     * @param name a {@link ConnectionSetting#name()}, e.g. {@code "idleTimeout"}; case matters
     */
    public static ConnectionSetting<?> setting(String name) {
        for (ConnectionSetting<?> s : SETTINGS) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static final ConnectionSettings DEFAULTS;

    static {
        Object[] v = new Object[SETTINGS.size()];
        for (ConnectionSetting<?> s : SETTINGS) {
            v[s.index()] = s.defaultValue();
        }
        DEFAULTS = new ConnectionSettings(v);
    }

    // ============================================================================================ the settings

    private final Object[] values;

    private ConnectionSettings(Object[] values) {
        this.values = values;
    }

    /** {@return every setting at its default} */
    public static ConnectionSettings defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder(DEFAULTS.values);
    }

    /** {@return a builder starting from these settings} */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /**
     * {@return the value of one setting (for the pong timeout: the value set, or {@code null} when it follows)}
     *
     * @param <T>     the setting's value type
     * @param setting one of {@link #SETTINGS}
     */
    public <T> T get(ConnectionSetting<T> setting) {
        return setting.type().cast(values[setting.index()]);
    }

    /**
     * {@return these settings with those {@code o} sets on top; this same object when {@code o} sets nothing}
     *
     * @param o the overrides; not {@code null}
     */
    public ConnectionSettings with(ConnectionOverrides o) {
        if (o.isEmpty()) {
            return this;
        }
        Object[] v = values.clone();
        for (ConnectionSetting<?> s : SETTINGS) {
            o.get(s).ifPresent(x -> v[s.index()] = x);
        }
        return new ConnectionSettings(v);
    }

    /**
     * {@return the largest frame payload accepted, in bytes (1 MiB by default)} A larger frame is refused with 1009.
     *
     * @see #MAX_FRAME_SIZE
     */
    public long maxFrameSize() {
        return get(MAX_FRAME_SIZE);
    }

    /**
     * {@return the largest message accepted, in bytes, after reassembly and decompression (1 MiB by default)} A
     * larger message is refused with 1009. Not for a {@link Listener.Partial}, which holds no message whole.
     *
     * @see #MAX_MESSAGE_SIZE
     */
    public long maxMessageSize() {
        return get(MAX_MESSAGE_SIZE);
    }

    /**
     * {@return how long a connection may receive nothing from the peer before it is closed (300 s by default) with 1001
     * "idle timeout"} Any frame the peer sends counts as activity, its pings included, but not the pongs answering our
     * keepalive pings, so keepalive does not keep an otherwise idle connection open. Time during which we ourselves
     * stop reading (the endpoint is behind, or the peer does not take what we send: {@link #writeTimeout()} bounds
     * that) does not count. {@link Duration#ZERO} disables it.
     */
    public Duration idleTimeout() {
        return get(IDLE_TIMEOUT);
    }

    /**
     * {@return how long to wait for the peer's answer to our close frame before dropping the connection (5 s by
     * default)} Also how long the answer to the peer's close frame waits for an endpoint that does not take the
     * messages that came before it. {@link Duration#ZERO} waits forever.
     */
    public Duration closeTimeout() {
        return get(CLOSE_TIMEOUT);
    }

    /**
     * {@return the keepalive interval: when nothing has been received for this long, a ping is sent (15 s by default:
     * below the idle timeouts of common proxies and load balancers, so a quiet healthy connection is not cut by them;
     * {@link Duration#ZERO} disables keepalive)} If nothing at all arrives within {@link #pongTimeout()} after it, the
     * peer is considered dead: a close frame with 1001 "ping timeout" is sent and the TCP connection dropped at once;
     * the endpoint sees {@link CloseCodes#ABNORMAL} "ping timeout". Not held against the peer: time in which we do
     * not read because the endpoint is behind, or in which the peer still takes our data (a ping behind bytes the
     * socket or a container took waits the longer of the pong and {@link #writeTimeout() write} timeouts); a ping
     * that cannot be written as the peer takes none of our bytes counts as unanswered. Only for variants with pings.
     */
    public Duration pingInterval() {
        return get(PING_INTERVAL);
    }

    /**
     * {@return how long after a keepalive ping the peer must show a sign of life; unless set, the
     * {@link #pingInterval()}}
     */
    public Duration pongTimeout() {
        Duration set = get(PONG_TIMEOUT);
        return set != null ? set : pingInterval();
    }

    /** {@return whether {@link #pongTimeout()} follows the ping interval because none was set} */
    public boolean pongTimeoutFollowsPingInterval() {
        return get(PONG_TIMEOUT) == null;
    }

    /**
     * {@return whether received pings are left unanswered ({@code false} by default: every ping is answered with a
     * pong carrying its payload, as RFC 6455 section 5.5.2 requires)} Listeners see pings either way.
     */
    public boolean dropIncomingPings() {
        return get(DROP_INCOMING_PINGS);
    }

    /**
     * {@return whether protocol errors of the peer are reported to the endpoint ({@code false} by default: the runtime
     * answers them with the right close frame and closes, and the endpoint only sees the close)} When {@code true}, a
     * {@link Listener} gets a {@link ProtocolException} in {@code onError} before {@code onClose}, and a
     * {@link Handler}'s blocking receive throws it (once the messages that arrived before the error are taken) instead
     * of returning {@code null}.
     */
    public boolean propagateProtocolErrors() {
        return get(PROPAGATE_PROTOCOL_ERRORS);
    }

    /**
     * {@return how many bytes (with a small overhead per queued frame) may wait to be written before sends are held
     * back (4 MiB by default)} While more than this waits, a blocking send waits for room (at most
     * {@link #sendTimeout()}), and an asynchronous send fails at once with {@link OutboundQueueFullException}. A send
     * that finds room queues its whole message, so the queue may exceed the limit by one message.
     */
    public int outboundQueueLimit() {
        return get(OUTBOUND_QUEUE_LIMIT);
    }

    /**
     * {@return how long bytes may wait for a peer that takes none of them before the connection is dropped (30 s by
     * default; {@link Duration#ZERO} never)} A peer that stops reading what we send would otherwise hold its queued
     * bytes (up to {@link #outboundQueueLimit()}) forever. Any byte the peer takes is progress and starts the wait
     * anew; the check runs with the keepalive and idle checks, so a stalled peer goes between one and two write
     * timeouts after it took its last byte. The connection ends with {@link CloseCodes#ABNORMAL} "write timeout",
     * without a close frame (it could not be written); its queued bytes are freed, blocked senders fail with
     * {@link ConnectionClosedException}.
     *
     * @since 1.1
     */
    public Duration writeTimeout() {
        return get(WRITE_TIMEOUT);
    }

    /**
     * {@return how long a blocking send waits for room in the outbound queue (more than {@link #outboundQueueLimit()}
     * waits to be written) before it fails with {@link OutboundQueueFullException} (60 s by default;
     * {@link Duration#ZERO} waits as long as the connection lives)} The message that timed out is not sent; the
     * connection stays open, but a message sent in fragments that times out midway is left unfinished, so the
     * application should close.
     *
     * @since 1.1
     */
    public Duration sendTimeout() {
        return get(SEND_TIMEOUT);
    }

    /**
     * {@return how many bytes received and not yet taken by the endpoint may wait before the socket is no longer read
     * (4 MiB by default)}
     *
     * @see #INBOUND_QUEUE_LIMIT
     */
    public int inboundQueueLimit() {
        return get(INBOUND_QUEUE_LIMIT);
    }

    /** {@return the fragment size of streamed sends ({@link Connection#sendStream}), in bytes (64 KiB by default)} */
    public int streamFragmentSize() {
        return get(STREAM_FRAGMENT_SIZE);
    }

    /**
     * How many messages of one connection a {@link Listener} handles at once (1 by default). At 1, its callbacks run
     * one at a time, in order. Above 1, up to that many {@code onText}/{@code onBinary} calls of the connection run
     * at once on handler threads, so a slow message does not hold up the next; every other callback waits for the
     * messages before it and runs alone ({@code onOpen} first, {@code onClose} last); a message callback that throws
     * is reported to {@code onError} and the connection stays open. Messages being handled count against the
     * {@linkplain #inboundQueueLimit() inbound queue limit} until their callback returns. Not for a
     * {@link Listener.NonBlocking} (called on the I/O thread, always one at a time), a {@link Listener.Partial}
     * (whose parts come in order, one at a time) or a {@link Handler} (which receives when it chooses).
     *
     * @return the most messages handled at once, at least 1
     * @see #MAX_CONCURRENT_MESSAGES
     * @since 1.3
     */
    public int maxConcurrentMessages() {
        return get(MAX_CONCURRENT_MESSAGES);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSettings other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ConnectionSettings" + describe(values);
    }

    /** {@code [name=value, ...]} for the values that are not {@code null}. */
    static String describe(Object[] values) {
        StringBuilder b = new StringBuilder("[");
        for (ConnectionSetting<?> s : SETTINGS) {
            if (values[s.index()] != null) {
                b.append(b.length() > 1 ? ", " : "").append(s.name()).append('=').append(values[s.index()]);
            }
        }
        return b.append(']').toString();
    }

    static int size() {
        return SETTINGS.size();
    }

    // ================================================================================================ writing

    /**
     * The typed setters of every connection setting, shared by every builder that takes them (these settings',
     * {@link ConnectionOverrides}', and the server's and client's options), so that each is written once. Every
     * setter validates its value by the setting's rule and throws {@link IllegalArgumentException} if it breaks it.
     *
     * @param <B> the builder type, returned by every setter
     */
    public abstract static class Setters<B extends Setters<B>> {

        /** For the builders of this API and of the runtime's options. */
        protected Setters() {
        }

        /**
         * Stores a validated value.
         *
         * @param setting one of {@link #SETTINGS}
         * @param value   its value, already validated: {@code null} only to unset the pong timeout
         */
        protected abstract void store(ConnectionSetting<?> setting, Object value);

        /**
         * Sets one setting by its table entry (configuration layers); the value is validated.
         *
         * @param <T>     the setting's value type
         * @param setting one of {@link #SETTINGS}
         * @param value   the value, as {@link ConnectionSetting#validate} takes it
         * @return this builder
         * @throws IllegalArgumentException if the value breaks the setting's rule
         */
        public final <T> B set(ConnectionSetting<T> setting, T value) {
            store(setting, setting.validate(value));
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * @param bytes the largest frame payload accepted, in bytes; positive
         * @return this builder
         * @see ConnectionSettings#maxFrameSize()
         */
        public final B maxFrameSize(long bytes) {
            return set(MAX_FRAME_SIZE, bytes);
        }

        /**
         * @param bytes the largest message accepted, in bytes; positive
         * @return this builder
         * @see ConnectionSettings#maxMessageSize()
         */
        public final B maxMessageSize(long bytes) {
            return set(MAX_MESSAGE_SIZE, bytes);
        }

        /**
         * Idle timeout; {@link Duration#ZERO} disables it.
         *
         * @param d the {@link ConnectionSettings#idleTimeout() idle timeout}; not negative, not {@code null}
         * @return this builder
         */
        public final B idleTimeout(Duration d) {
            return set(IDLE_TIMEOUT, Objects.requireNonNull(d, "idleTimeout"));
        }

        /**
         * Close timeout; {@link Duration#ZERO} waits for the peer forever.
         *
         * @param d the {@link ConnectionSettings#closeTimeout() close timeout}; not negative, not {@code null}
         * @return this builder
         */
        public final B closeTimeout(Duration d) {
            return set(CLOSE_TIMEOUT, Objects.requireNonNull(d, "closeTimeout"));
        }

        /**
         * Keepalive ping interval; {@link Duration#ZERO} disables keepalive.
         *
         * @param d the {@link ConnectionSettings#pingInterval() ping interval}; not negative, not {@code null}
         * @return this builder
         */
        public final B pingInterval(Duration d) {
            return set(PING_INTERVAL, Objects.requireNonNull(d, "pingInterval"));
        }

        /**
         * How long to wait for a sign of life after a keepalive ping; positive, or {@code null} to follow the ping
         * interval.
         *
         * @param d the {@link ConnectionSettings#pongTimeout() pong timeout}, or {@code null}
         * @return this builder
         */
        public final B pongTimeout(Duration d) {
            return set(PONG_TIMEOUT, d);
        }

        /**
         * @param drop {@code true} to leave the peer's pings unanswered
         * @return this builder
         * @see ConnectionSettings#dropIncomingPings()
         */
        public final B dropIncomingPings(boolean drop) {
            return set(DROP_INCOMING_PINGS, drop);
        }

        /**
         * @param propagate {@code true} to report the peer's protocol errors to the endpoint
         * @return this builder
         * @see ConnectionSettings#propagateProtocolErrors()
         */
        public final B propagateProtocolErrors(boolean propagate) {
            return set(PROPAGATE_PROTOCOL_ERRORS, propagate);
        }

        /**
         * @param bytes the bytes that may wait to be written before sends are held back; positive
         * @return this builder
         * @see ConnectionSettings#outboundQueueLimit()
         */
        public final B outboundQueueLimit(int bytes) {
            return set(OUTBOUND_QUEUE_LIMIT, bytes);
        }

        /**
         * @param bytes the bytes received and not yet taken beyond which the socket is not read; positive
         * @return this builder
         * @see ConnectionSettings#inboundQueueLimit()
         */
        public final B inboundQueueLimit(int bytes) {
            return set(INBOUND_QUEUE_LIMIT, bytes);
        }

        /**
         * @param bytes the fragment size of streamed sends, in bytes; positive
         * @return this builder
         * @see ConnectionSettings#streamFragmentSize()
         */
        public final B streamFragmentSize(int bytes) {
            return set(STREAM_FRAGMENT_SIZE, bytes);
        }

        /**
         * Write timeout; {@link Duration#ZERO} never drops a peer that stops reading.
         *
         * @param d the write timeout; not negative, not {@code null}
         * @return this builder
         * @see ConnectionSettings#writeTimeout()
         * @since 1.1
         */
        public final B writeTimeout(Duration d) {
            return set(WRITE_TIMEOUT, Objects.requireNonNull(d, "writeTimeout"));
        }

        /**
         * Send timeout; {@link Duration#ZERO} lets blocking sends wait for room as long as the connection lives.
         *
         * @param d the send timeout; not negative, not {@code null}
         * @return this builder
         * @see ConnectionSettings#sendTimeout()
         * @since 1.1
         */
        public final B sendTimeout(Duration d) {
            return set(SEND_TIMEOUT, Objects.requireNonNull(d, "sendTimeout"));
        }

        /**
         * Messages of one connection a listener handles at once.
         *
         * @param n at least 1; 1 (the default) delivers them one at a time, in order
         * @return this builder
         * @see ConnectionSettings#maxConcurrentMessages()
         * @since 1.3
         */
        public final B maxConcurrentMessages(int n) {
            return set(MAX_CONCURRENT_MESSAGES, n);
        }
    }

    /** Builds {@link ConnectionSettings}; every setting not set keeps the value it started with. */
    public static final class Builder extends Setters<Builder> {
        private final Object[] values;

        private Builder(Object[] start) {
            this.values = start.clone();
        }

        @Override
        protected void store(ConnectionSetting<?> setting, Object value) {
            values[setting.index()] = value;
        }

        /**
         * Sets every setting to {@code settings}' values.
         *
         * @param settings the settings to copy; not {@code null}
         * @return this builder
         */
        public Builder from(ConnectionSettings settings) {
            System.arraycopy(settings.values, 0, values, 0, values.length);
            return this;
        }

        /** {@return settings with the values this builder holds} */
        public ConnectionSettings build() {
            return new ConnectionSettings(values.clone());
        }
    }
}
