package net.websocket.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Settings for a handshake and the engine it makes. Immutable.
 *
 * <p>A final class rather than a record, so that settings can be added without changing its shape for those who
 * read it: make one with a constructor or {@link #defaults(Role)} and derive others with the {@code with...}
 * methods.
 */
public final class EngineConfig {

    /** 1 MiB, the default for both limits. */
    public static final long DEFAULT_LIMIT = net.websocket.api.ConnectionSettings.DEFAULT_SIZE_LIMIT;

    /** Which side of the connection an engine serves. */
    public enum Role {
        /** The side that accepted the connection. */
        SERVER,
        /** The side that opened the connection. */
        CLIENT
    }

    private final Role role;
    private final long maxFrameSize;
    private final long maxMessageSize;
    private final IntSupplier maskSource;
    private final List<ExtensionFactory> extensions;

    /**
     * A config; see the accessors for what each setting means.
     *
     * @param role           which side this engine is
     * @param maxFrameSize   the largest frame payload accepted, in bytes (positive)
     * @param maxMessageSize the largest reassembled message accepted, in bytes (positive)
     * @param maskSource     where client masking keys come from
     * @param extensions     the extensions the variant may negotiate, in order of preference; empty for none
     */
    public EngineConfig(Role role, long maxFrameSize, long maxMessageSize, IntSupplier maskSource,
            List<ExtensionFactory> extensions) {
        this.role = Objects.requireNonNull(role, "role");
        this.maskSource = Objects.requireNonNull(maskSource, "maskSource");
        if (maxFrameSize <= 0 || maxMessageSize <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxFrameSize = maxFrameSize;
        this.maxMessageSize = maxMessageSize;
        this.extensions = List.copyOf(extensions);
    }

    /**
     * A config without extensions.
     *
     * @param role           which side this engine is
     * @param maxFrameSize   the largest frame payload accepted, in bytes (positive)
     * @param maxMessageSize the largest reassembled message accepted, in bytes (positive)
     * @param maskSource     where client masking keys come from
     */
    public EngineConfig(Role role, long maxFrameSize, long maxMessageSize, IntSupplier maskSource) {
        this(role, maxFrameSize, maxMessageSize, maskSource, List.of());
    }

    /**
     * The defaults for a role, with masking keys from a {@link java.security.SecureRandom} and no extensions.
     *
     * @param role which side the engine is
     * @return the config
     */
    public static EngineConfig defaults(Role role) {
        java.security.SecureRandom random = new java.security.SecureRandom();
        return new EngineConfig(role, DEFAULT_LIMIT, DEFAULT_LIMIT, random::nextInt);
    }

    /** @return which side this engine is */
    public Role role() {
        return role;
    }

    /**
     * The largest frame payload accepted, in bytes; a larger frame fails with 1009 before its payload is read.
     *
     * @return the limit in bytes
     */
    public long maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * The largest reassembled message accepted, in bytes; a message that would grow past it fails with 1009 before
     * the frame that exceeds it is read. For a message an extension transforms (e.g. compresses), the limit applies
     * to the restored size, checked while it is restored.
     *
     * @return the limit in bytes
     */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Where client masking keys come from (a fresh, unpredictable value per frame, RFC 6455 section 5.3); unused by
     * servers.
     *
     * @return the source of masking keys
     */
    public IntSupplier maskSource() {
        return maskSource;
    }

    /**
     * The extensions the variant may negotiate, in order of preference (a client offers them in this order); empty
     * for none. The runtime fills it with the factories present.
     *
     * @return the extension factories, unmodifiable
     */
    public List<ExtensionFactory> extensions() {
        return extensions;
    }

    /** @return whether this is the client side */
    public boolean isClient() {
        return role == Role.CLIENT;
    }

    /**
     * This config with other limits.
     *
     * @param frame   the largest frame payload, in bytes
     * @param message the largest reassembled message, in bytes
     * @return the new config
     */
    public EngineConfig withLimits(long frame, long message) {
        return new EngineConfig(role, frame, message, maskSource, extensions);
    }

    /**
     * This config with these extensions (in order of preference) instead of its own.
     *
     * @param factories the extensions
     * @return the new config
     */
    public EngineConfig withExtensions(List<? extends ExtensionFactory> factories) {
        return new EngineConfig(role, maxFrameSize, maxMessageSize, maskSource, List.copyOf(factories));
    }

    /** Equal when every setting is equal (the mask source by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof EngineConfig c && role == c.role && maxFrameSize == c.maxFrameSize
                && maxMessageSize == c.maxMessageSize && maskSource.equals(c.maskSource)
                && extensions.equals(c.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, maxFrameSize, maxMessageSize, maskSource, extensions);
    }

    @Override
    public String toString() {
        return "EngineConfig[role=" + role + ", maxFrameSize=" + maxFrameSize + ", maxMessageSize=" + maxMessageSize
                + ", maskSource=" + maskSource + ", extensions=" + extensions + "]";
    }
}
