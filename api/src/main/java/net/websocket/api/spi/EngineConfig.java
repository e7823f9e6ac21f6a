package net.websocket.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Settings for a handshake and the engine it makes.
 *
 * @param role           which side this engine is
 * @param maxFrameSize   the largest frame payload accepted, in bytes; a larger frame fails with 1009 before its
 *                       payload is read
 * @param maxMessageSize the largest reassembled message accepted, in bytes; a message that would grow past it
 *                       fails with 1009 before the frame that exceeds it is read. For a message an extension
 *                       transforms (e.g. compresses), the limit applies to the restored size, checked while it is
 *                       restored
 * @param maskSource     where client masking keys come from (a fresh, unpredictable value per frame, RFC 6455
 *                       section 5.3); unused by servers
 * @param extensions     the extensions the variant may negotiate, in order of preference (a client offers them in
 *                       this order); empty for none. The runtime fills it with the factories present
 */
public record EngineConfig(Role role, long maxFrameSize, long maxMessageSize, IntSupplier maskSource,
        List<ExtensionFactory> extensions) {

    /** 1 MiB, the default for both limits. */
    public static final long DEFAULT_LIMIT = net.websocket.api.ConnectionSettings.DEFAULT_SIZE_LIMIT;

    /** Which side of the connection an engine serves. */
    public enum Role {
        SERVER,
        CLIENT
    }

    public EngineConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(maskSource, "maskSource");
        if (maxFrameSize <= 0 || maxMessageSize <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        extensions = List.copyOf(extensions);
    }

    /** A config without extensions. */
    public EngineConfig(Role role, long maxFrameSize, long maxMessageSize, IntSupplier maskSource) {
        this(role, maxFrameSize, maxMessageSize, maskSource, List.of());
    }

    /** The defaults for a role, with masking keys from a {@link java.security.SecureRandom} and no extensions. */
    public static EngineConfig defaults(Role role) {
        java.security.SecureRandom random = new java.security.SecureRandom();
        return new EngineConfig(role, DEFAULT_LIMIT, DEFAULT_LIMIT, random::nextInt);
    }

    public boolean isClient() {
        return role == Role.CLIENT;
    }

    public EngineConfig withLimits(long frame, long message) {
        return new EngineConfig(role, frame, message, maskSource, extensions);
    }

    /** This config with these extensions (in order of preference) instead of its own. */
    public EngineConfig withExtensions(List<? extends ExtensionFactory> factories) {
        return new EngineConfig(role, maxFrameSize, maxMessageSize, maskSource, List.copyOf(factories));
    }
}
