package net.websocket.jakarta.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

/**
 * The encoders and decoders of one session (Jakarta WebSocket 2.1, sections 4.1.x and 5.x, the Javadoc of
 * {@link Encoder} and {@link Decoder}): one instance of each class the endpoint's configuration names, made and
 * {@code init}ed when the session opens and {@code destroy}ed when it closes. A message of a type is decoded by the
 * first decoder of that type, in the configuration's order, whose {@code willDecode} accepts it (stream decoders
 * always do); an object is encoded by the first encoder of its type, else by the built-in rules (a String as
 * text, a ByteBuffer or byte[] as binary, a primitive's box as its text).
 */
final class Coders {

    /** Whether a payload of this kind is text or binary. */
    enum Payload { TEXT, BINARY }

    private record Coder<C>(C instance, Class<?> type, Payload payload, boolean stream) {
    }

    private final List<Coder<Decoder>> decoders = new ArrayList<>();
    private final List<Coder<Encoder>> encoders = new ArrayList<>();

    /**
     * Makes and initializes the configuration's encoders and decoders.
     *
     * @param config the endpoint configuration (the session's copy)
     * @throws ReflectiveOperationException if one cannot be made
     */
    Coders(EndpointConfig config) throws ReflectiveOperationException {
        try {
            for (Class<? extends Decoder> c : config.getDecoders()) {
                Decoder d = c.getConstructor().newInstance();
                decoders.add(new Coder<>(d, decodedType(c), payloadOf(c, Decoder.TextStream.class,
                        Decoder.BinaryStream.class, Decoder.Text.class), isStream(c)));
                d.init(config);
            }
            for (Class<? extends Encoder> c : config.getEncoders()) {
                Encoder e = c.getConstructor().newInstance();
                encoders.add(new Coder<>(e, encodedType(c), payloadOf(c, Encoder.TextStream.class,
                        Encoder.BinaryStream.class, Encoder.Text.class), isStream(c)));
                e.init(config);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            destroy();
            throw e;
        }
    }

    private static boolean isStream(Class<?> c) {
        return Decoder.TextStream.class.isAssignableFrom(c) || Decoder.BinaryStream.class.isAssignableFrom(c)
                || Encoder.TextStream.class.isAssignableFrom(c) || Encoder.BinaryStream.class.isAssignableFrom(c);
    }

    private static Payload payloadOf(Class<?> c, Class<?> textStream, Class<?> binaryStream, Class<?> text) {
        return text.isAssignableFrom(c) || textStream.isAssignableFrom(c) ? Payload.TEXT : Payload.BINARY;
    }

    /** {@return the type a decoder class decodes to, or {@code Object} if it cannot be told} */
    static Class<?> decodedType(Class<?> c) {
        for (Class<?> g : List.of(Decoder.Text.class, Decoder.TextStream.class, Decoder.Binary.class,
                Decoder.BinaryStream.class)) {
            if (g.isAssignableFrom(c)) {
                Class<?> t = Types.argument(c, g);
                return t == null ? Object.class : t;
            }
        }
        return Object.class;
    }

    private static Class<?> encodedType(Class<?> c) {
        for (Class<?> g : List.of(Encoder.Text.class, Encoder.TextStream.class, Encoder.Binary.class,
                Encoder.BinaryStream.class)) {
            if (g.isAssignableFrom(c)) {
                Class<?> t = Types.argument(c, g);
                return t == null ? Object.class : t;
            }
        }
        return Object.class;
    }

    /**
     * {@return whether a message handler of {@code type} is served by a text or a binary decoder of
     * {@code decoders}, or {@code null} if none decodes that type}
     *
     * @param decoders the configuration's decoder classes
     * @param type     the handler's message type
     */
    static Payload decoderPayload(List<Class<? extends Decoder>> decoders, Class<?> type) {
        for (Class<? extends Decoder> c : decoders) {
            if (type.isAssignableFrom(decodedType(c))) {
                return Decoder.Text.class.isAssignableFrom(c) || Decoder.TextStream.class.isAssignableFrom(c)
                        ? Payload.TEXT : Payload.BINARY;
            }
        }
        return null;
    }

    /**
     * {@return the stream decoder that decodes every message of this payload to {@code type}, or {@code null}}: the
     * first decoder of the type is a {@code TextStream} or {@code BinaryStream} (which has no {@code willDecode}, so
     * it takes every message), and the message can be decoded while it arrives (see {@link #decodeStream}). When a
     * {@code Text} or {@code Binary} decoder comes first, its {@code willDecode} needs the whole message.
     */
    Decoder streamDecoder(Payload payload, Class<?> type) {
        for (Coder<Decoder> c : decoders) {
            if (c.payload == payload && type.isAssignableFrom(c.type)) {
                return c.stream ? c.instance : null;
            }
        }
        return null;
    }

    /**
     * Decodes one message with a stream decoder of {@link #streamDecoder}, from a stream over its parts.
     *
     * @param decoder a {@code Decoder.TextStream} (with a {@link java.io.Reader}) or {@code Decoder.BinaryStream}
     *                (with an {@link java.io.InputStream})
     * @param stream  the message's stream
     * @throws DecodeException if the decoder failed
     * @throws IOException if reading the message failed
     */
    static Object decodeStream(Decoder decoder, Object stream) throws DecodeException, IOException {
        return decoder instanceof Decoder.TextStream<?> t ? t.decode((java.io.Reader) stream)
                : ((Decoder.BinaryStream<?>) decoder).decode((java.io.InputStream) stream);
    }

    /**
     * Decodes a text message to {@code type}.
     *
     * @throws DecodeException if no decoder will decode it, or the decoder failed
     * @throws IOException if a stream decoder's reading failed
     */
    Object decodeText(Class<?> type, String text) throws DecodeException, IOException {
        for (Coder<Decoder> c : decoders) {
            if (c.payload != Payload.TEXT || !type.isAssignableFrom(c.type)) {
                continue;
            }
            if (c.stream) {
                return ((Decoder.TextStream<?>) c.instance).decode(new StringReader(text));
            }
            Decoder.Text<?> d = (Decoder.Text<?>) c.instance;
            if (d.willDecode(text)) {
                return d.decode(text);
            }
        }
        throw new DecodeException(text, "no decoder of " + type.getName() + " will decode this text message");
    }

    /**
     * Decodes a binary message to {@code type}.
     *
     * @throws DecodeException if no decoder will decode it, or the decoder failed
     * @throws IOException if a stream decoder's reading failed
     */
    Object decodeBinary(Class<?> type, ByteBuffer data) throws DecodeException, IOException {
        for (Coder<Decoder> c : decoders) {
            if (c.payload != Payload.BINARY || !type.isAssignableFrom(c.type)) {
                continue;
            }
            ByteBuffer copy = data.duplicate();
            if (c.stream) {
                byte[] bytes = new byte[copy.remaining()];
                copy.get(bytes);
                return ((Decoder.BinaryStream<?>) c.instance).decode(new ByteArrayInputStream(bytes));
            }
            Decoder.Binary<?> d = (Decoder.Binary<?>) c.instance;
            if (d.willDecode(copy.duplicate())) {
                return d.decode(copy);
            }
        }
        throw new DecodeException(data, "no decoder of " + type.getName() + " will decode this binary message");
    }

    /**
     * Encodes an object to the message that carries it: a {@link String} for text, a {@link ByteBuffer} for binary.
     *
     * @throws EncodeException if no encoder takes it, or the encoder failed
     * @throws IOException if a stream encoder's writing failed
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object encode(Object o) throws EncodeException, IOException {
        if (o == null) {
            throw new EncodeException(null, "cannot send null");
        }
        for (Coder<Encoder> c : encoders) {
            if (!c.type.isInstance(o)) {
                continue;
            }
            Encoder e = c.instance;
            if (e instanceof Encoder.Text t) {
                return t.encode(o);
            } else if (e instanceof Encoder.TextStream t) {
                StringWriter w = new StringWriter();
                t.encode(o, w);
                return w.toString();
            } else if (e instanceof Encoder.Binary b) {
                return b.encode(o);
            } else if (e instanceof Encoder.BinaryStream b) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                b.encode(o, out);
                return ByteBuffer.wrap(out.toByteArray());
            }
        }
        if (o instanceof String || o instanceof ByteBuffer) {
            return o;
        }
        if (o instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        if (Types.isPrimitiveLike(o.getClass())) {
            return o.toString();
        }
        throw new EncodeException(o, "no encoder for " + o.getClass().getName());
    }

    /** Destroys every encoder and decoder; what one throws is ignored. */
    void destroy() {
        for (Coder<Decoder> c : decoders) {
            try {
                c.instance.destroy();
            } catch (RuntimeException ignored) {
                // a destroy that fails leaves nothing to undo
            }
        }
        for (Coder<Encoder> c : encoders) {
            try {
                c.instance.destroy();
            } catch (RuntimeException ignored) {
                // as above
            }
        }
        decoders.clear();
        encoders.clear();
    }
}
