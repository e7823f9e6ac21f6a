package net.websocket.deflate;

import java.util.Map;
import java.util.zip.Deflater;

/**
 * How {@link PerMessageDeflate} negotiates and compresses. Immutable; build with {@link #builder()}.
 *
 * <p>The four negotiation settings carry the names of the RFC 7692 section 7.1 parameters and mean, for either
 * role, what this side asks for:
 * <ul>
 * <li>{@link #serverNoContextTakeover()}: the server compresses each message on its own. A server answers every
 * offer with {@code server_no_context_takeover}; a client asks for it in its offer (and adds a second offer without
 * it, for servers that decline the first).</li>
 * <li>{@link #clientNoContextTakeover()}: the client compresses each message on its own. A server answers every
 * offer with {@code client_no_context_takeover}; a client announces it in its offer and keeps to it.</li>
 * <li>{@link #serverMaxWindowBits()}: the largest LZ77 window (as a power of two, 8 to 15) the server may use. A
 * client below 15 asks for it with {@code server_max_window_bits} (and adds a second offer without it); a server
 * below 15 answers with it.</li>
 * <li>{@link #clientMaxWindowBits()}: the same for the client. A server below 15 answers offers that allow it
 * with {@code client_max_window_bits}; a client below 15 announces the value in its offer.</li>
 * </ul>
 * Whichever side limits the window, {@link java.util.zip.Deflater} itself always compresses with a 32 KiB window (15
 * bits): it cannot be given a smaller one. When the agreed window for our side is below 15 bits, messages are
 * therefore compressed with Huffman coding only ({@link Deflater#HUFFMAN_ONLY}: no back-references at all, which
 * any window decodes), honouring the agreement at some cost in compression ratio. Receiving is unaffected: a 32 KiB
 * window decodes a stream made with any smaller one.
 *
 * <p>Context takeover off means the compressor (or decompressor) of that direction is released after every message
 * and made afresh for the next: no memory is held between messages, at a few microseconds per message.
 */
public final class DeflateOptions {

    /** The largest LZ77 window, 2^15 = 32 KiB: the only one {@link Deflater} compresses with. */
    public static final int MAX_WINDOW_BITS = 15;

    /** The smallest window RFC 7692 allows. */
    public static final int MIN_WINDOW_BITS = 8;

    /**
     * The default minimum size of a message to compress: below about this, the deflate block overhead and the time
     * spent rarely pay off (a 5-byte "Hello" compresses to 7 bytes).
     */
    public static final int DEFAULT_MIN_MESSAGE_SIZE = 128;

    private static final DeflateOptions DEFAULTS = builder().build();

    private final boolean enabled;
    private final int compressionLevel;
    private final int minMessageSize;
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverMaxWindowBits;
    private final int clientMaxWindowBits;

    private DeflateOptions(Builder b) {
        this.enabled = b.enabled;
        this.compressionLevel = b.compressionLevel;
        this.minMessageSize = b.minMessageSize;
        this.serverNoContextTakeover = b.serverNoContextTakeover;
        this.clientNoContextTakeover = b.clientNoContextTakeover;
        this.serverMaxWindowBits = b.serverMaxWindowBits;
        this.clientMaxWindowBits = b.clientMaxWindowBits;
    }

    /**
     * The defaults: enabled, level 6, messages from 128 bytes compressed, context takeover both ways, 15 bits.
     *
     * @return the default options
     */
    public static DeflateOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder that starts from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.compressionLevel = compressionLevel;
        b.minMessageSize = minMessageSize;
        b.serverNoContextTakeover = serverNoContextTakeover;
        b.clientNoContextTakeover = clientNoContextTakeover;
        b.serverMaxWindowBits = serverMaxWindowBits;
        b.clientMaxWindowBits = clientMaxWindowBits;
        return b;
    }

    /**
     * Options from configuration properties (OSGi Config Admin, or any map): {@code enabled},
     * {@code compressionLevel}, {@code minMessageSize}, {@code serverNoContextTakeover},
     * {@code clientNoContextTakeover}, {@code serverMaxWindowBits}, {@code clientMaxWindowBits}; values may be of
     * their type or strings. Missing keys keep the defaults; other keys are ignored.
     *
     * @param properties the configuration, or {@code null} for the defaults
     * @return the options
     * @throws IllegalArgumentException if a value is of the wrong form or out of range
     */
    public static DeflateOptions fromProperties(Map<String, ?> properties) {
        Builder b = builder();
        if (properties == null) {
            return b.build();
        }
        Object v;
        if ((v = properties.get("enabled")) != null) {
            b.enabled(bool(v, "enabled"));
        }
        if ((v = properties.get("compressionLevel")) != null) {
            b.compressionLevel(integer(v, "compressionLevel"));
        }
        if ((v = properties.get("minMessageSize")) != null) {
            b.minMessageSize(integer(v, "minMessageSize"));
        }
        if ((v = properties.get("serverNoContextTakeover")) != null) {
            b.serverNoContextTakeover(bool(v, "serverNoContextTakeover"));
        }
        if ((v = properties.get("clientNoContextTakeover")) != null) {
            b.clientNoContextTakeover(bool(v, "clientNoContextTakeover"));
        }
        if ((v = properties.get("serverMaxWindowBits")) != null) {
            b.serverMaxWindowBits(integer(v, "serverMaxWindowBits"));
        }
        if ((v = properties.get("clientMaxWindowBits")) != null) {
            b.clientMaxWindowBits(integer(v, "clientMaxWindowBits"));
        }
        return b.build();
    }

    private static boolean bool(Object v, String key) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException(key + " must be true or false, not \"" + v + "\"");
    }

    private static int integer(Object v, String key) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, not \"" + v + "\"", e);
        }
    }

    /** @return whether the extension is offered and accepted at all */
    public boolean enabled() {
        return enabled;
    }

    /** @return the {@link Deflater} level, 0 (store) to 9 (best), or -1 for its default (6) */
    public int compressionLevel() {
        return compressionLevel;
    }

    /**
     * Messages whose first frame is shorter than this are sent uncompressed (RSV1 clear); a fragmented message is
     * compressed if its first fragment is at least this long. 0 compresses everything.
     *
     * @return the size in bytes
     */
    public int minMessageSize() {
        return minMessageSize;
    }

    /**
     * @return whether this side asks that the server compress each message on its own (see the class description)
     */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /**
     * @return whether this side asks that the client compress each message on its own (see the class description)
     */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** @return the server's window this side asks for, in bits, 8 to 15 (15: no limit asked) */
    public int serverMaxWindowBits() {
        return serverMaxWindowBits;
    }

    /** @return the client's window this side asks for, in bits, 8 to 15 (15: no limit asked) */
    public int clientMaxWindowBits() {
        return clientMaxWindowBits;
    }

    @Override
    public String toString() {
        return "DeflateOptions[enabled=" + enabled + ", compressionLevel=" + compressionLevel + ", minMessageSize="
                + minMessageSize + ", serverNoContextTakeover=" + serverNoContextTakeover
                + ", clientNoContextTakeover=" + clientNoContextTakeover + ", serverMaxWindowBits="
                + serverMaxWindowBits + ", clientMaxWindowBits=" + clientMaxWindowBits + "]";
    }

    /** Builds {@link DeflateOptions}. */
    public static final class Builder {
        private boolean enabled = true;
        private int compressionLevel = Deflater.DEFAULT_COMPRESSION;
        private int minMessageSize = DEFAULT_MIN_MESSAGE_SIZE;
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;
        private int serverMaxWindowBits = MAX_WINDOW_BITS;
        private int clientMaxWindowBits = MAX_WINDOW_BITS;

        private Builder() {
        }

        /**
         * @param enabled whether the extension is offered and accepted at all
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * @param level the {@link Deflater} level, 0 to 9, or -1 for the default
         * @return this builder
         */
        public Builder compressionLevel(int level) {
            if (level < Deflater.DEFAULT_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
                throw new IllegalArgumentException("compression level " + level + " is not in -1..9");
            }
            this.compressionLevel = level;
            return this;
        }

        /**
         * @param bytes the size from which messages are compressed (see {@link DeflateOptions#minMessageSize()})
         * @return this builder
         */
        public Builder minMessageSize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("minMessageSize must not be negative");
            }
            this.minMessageSize = bytes;
            return this;
        }

        /**
         * @param on whether to ask that the server compress each message on its own
         * @return this builder
         */
        public Builder serverNoContextTakeover(boolean on) {
            this.serverNoContextTakeover = on;
            return this;
        }

        /**
         * @param on whether to ask that the client compress each message on its own
         * @return this builder
         */
        public Builder clientNoContextTakeover(boolean on) {
            this.clientNoContextTakeover = on;
            return this;
        }

        /**
         * @param bits the server's window to ask for, 8 to 15 (15: no limit)
         * @return this builder
         */
        public Builder serverMaxWindowBits(int bits) {
            this.serverMaxWindowBits = windowBits(bits, "serverMaxWindowBits");
            return this;
        }

        /**
         * @param bits the client's window to ask for, 8 to 15 (15: no limit)
         * @return this builder
         */
        public Builder clientMaxWindowBits(int bits) {
            this.clientMaxWindowBits = windowBits(bits, "clientMaxWindowBits");
            return this;
        }

        private static int windowBits(int bits, String what) {
            if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
                throw new IllegalArgumentException(what + " " + bits + " is not in " + MIN_WINDOW_BITS + ".."
                        + MAX_WINDOW_BITS);
            }
            return bits;
        }

        /** @return the options */
        public DeflateOptions build() {
            return new DeflateOptions(this);
        }
    }
}
