package net.websocket.api.spi;

import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Settings for a handshake and the engine it makes.
 *
 * @param role           which side this engine is
 * @param maxFrameSize   the largest frame payload accepted, in bytes; a larger frame fails with 1009 before its
 *                       payload is read
 * @param maxMessageSize the largest reassembled message accepted, in bytes; a message that would grow past it
 *                       fails with 1009 before the frame that exceeds it is read
 * @param maskSource     where client masking keys come from (a fresh, unpredictable value per frame, RFC 6455
 *                       section 5.3); unused by servers
 */
public record EngineConfig(Role role, long maxFrameSize, long maxMessageSize, IntSupplier maskSource) {

    /** 1 MiB, the default for both limits (as the Chicken egg's {@code max-frame-size}). */
    public static final long DEFAULT_LIMIT = 1L << 20;

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
    }

    /** The defaults for a role, with masking keys from a {@link java.security.SecureRandom}. */
    public static EngineConfig defaults(Role role) {
        java.security.SecureRandom random = new java.security.SecureRandom();
        return new EngineConfig(role, DEFAULT_LIMIT, DEFAULT_LIMIT, random::nextInt);
    }

    public boolean isClient() {
        return role == Role.CLIENT;
    }

    public EngineConfig withLimits(long frame, long message) {
        return new EngineConfig(role, frame, message, maskSource);
    }
}
