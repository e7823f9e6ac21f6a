package net.websocket.rfc6455.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import net.websocket.api.MessageType;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionDecoder;
import net.websocket.api.spi.ExtensionEncoder;
import net.websocket.api.spi.ExtensionException;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ExtensionParameters;

/**
 * A toy per-message extension for the engine's tests: a message marked with {@code rsv} has every byte doubled on
 * the wire ("ab" is sent as "aabb"), so the wire payload differs from the message and its size too. Messages of
 * {@code plainBelow} bytes or fewer are sent as they are. An offer with parameter {@code decline} is declined.
 */
class TestExtension implements ExtensionFactory {

    final String name;
    final int rsv;
    final int plainBelow;
    int released;

    TestExtension(String name, int rsv, int plainBelow) {
        this.name = name;
        this.rsv = rsv;
        this.plainBelow = plainBelow;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Extension> negotiate(ExtensionParameters offer, EngineConfig config) {
        if (offer.has("decline")) {
            return Optional.empty();
        }
        return Optional.of(new Doubling(ExtensionParameters.of(name).with("agreed", null)));
    }

    @Override
    public List<ExtensionParameters> offers(EngineConfig config) {
        return List.of(ExtensionParameters.of(name).with("v", "1"), ExtensionParameters.of(name));
    }

    @Override
    public Extension accept(ExtensionParameters response, EngineConfig config) throws ExtensionException {
        if (response.has("bad")) {
            throw new ExtensionException("bad parameter");
        }
        return new Doubling(response);
    }

    final class Doubling implements Extension {
        private final ExtensionParameters params;

        Doubling(ExtensionParameters params) {
            this.params = params;
        }

        @Override
        public ExtensionParameters parameters() {
            return params;
        }

        @Override
        public int rsvBits() {
            return rsv;
        }

        @Override
        public ExtensionDecoder decoder() {
            return decoder;
        }

        @Override
        public ExtensionEncoder encoder() {
            return encoder;
        }

        private final ExtensionDecoder decoder = new ExtensionDecoder() {
            private int odd = -1; // the first byte of a pair not yet seen twice

            @Override
            public boolean begin(MessageType type, int bits) {
                odd = -1;
                return bits == rsv;
            }

            @Override
            public boolean decode(ByteBuffer in, boolean endOfMessage, ByteBuffer out) throws ExtensionException {
                while (in.hasRemaining()) {
                    if (!out.hasRemaining()) {
                        return false;
                    }
                    byte b = in.get();
                    if (odd < 0) {
                        odd = b & 0xFF;
                    } else {
                        if (odd != (b & 0xFF)) {
                            throw new ExtensionException(1007, "not doubled");
                        }
                        out.put(b);
                        odd = -1;
                    }
                }
                if (endOfMessage && odd >= 0) {
                    throw new ExtensionException("odd length");
                }
                return true;
            }

            @Override
            public void release() {
                released++;
            }
        };

        private final ExtensionEncoder encoder = new ExtensionEncoder() {
            @Override
            public boolean begin(MessageType type, int length, boolean finalFragment) {
                return !finalFragment || length > plainBelow;
            }

            @Override
            public int maxEncodedLength(int length) {
                return 2 * length;
            }

            @Override
            public void encode(ByteBuffer in, boolean endOfMessage, ByteBuffer out) {
                while (in.hasRemaining()) {
                    byte b = in.get();
                    out.put(b).put(b);
                }
            }

            @Override
            public void release() {
                released++;
            }
        };
    }
}
