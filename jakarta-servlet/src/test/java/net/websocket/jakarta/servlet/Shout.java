package net.websocket.jakarta.servlet;

import jakarta.websocket.EndpointConfig;

/** A message of {@link RoomEndpoint}, decoded from text and encoded as {@code <text>}. */
public record Shout(String text) {

    /** Text to a {@link Shout}. */
    public static final class Decoder implements jakarta.websocket.Decoder.Text<Shout> {
        @Override
        public Shout decode(String s) {
            return new Shout(s);
        }

        @Override
        public boolean willDecode(String s) {
            return s != null;
        }

        @Override
        public void init(EndpointConfig config) {
        }

        @Override
        public void destroy() {
        }
    }

    /** A {@link Shout} to {@code <text>}. */
    public static final class Encoder implements jakarta.websocket.Encoder.Text<Shout> {
        @Override
        public String encode(Shout s) {
            return "<" + s.text() + ">";
        }

        @Override
        public void init(EndpointConfig config) {
        }

        @Override
        public void destroy() {
        }
    }
}
