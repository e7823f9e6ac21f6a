package net.websocket.jakarta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The endpoints another implementation's server runs for the client's interop tests ({@link ServerInteropContract}):
 * programmatic endpoints, so that each server deploys them with a {@link ServerEndpointConfig} and its own
 * default configurator.
 */
final class PeerServerEndpoints {

    /** What the servers' endpoints saw: the close codes and reasons they received. */
    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    private PeerServerEndpoints() {
    }

    /**
     * The configurations to deploy.
     *
     * @param configurator the server's own default configurator
     */
    static List<ServerEndpointConfig> configs(ServerEndpointConfig.Configurator configurator) {
        return List.of(
                ServerEndpointConfig.Builder.create(Echo.class, "/echo").configurator(configurator).build(),
                ServerEndpointConfig.Builder.create(Points.class, "/points").configurator(configurator)
                        .decoders(List.of(CodersTest.PointDecoder.class))
                        .encoders(List.of(CodersTest.PointEncoder.class)).build());
    }

    /**
     * Echoes text and binary; "close NNNN" closes with that code, "parts N" answers with one message of N parts,
     * "ping X" pings with X and answers the pong with "pong X"; the close it gets goes to {@link #EVENTS}.
     */
    public static class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(1 << 20);
            session.setMaxBinaryMessageBufferSize(1 << 20);
            session.addMessageHandler(String.class, text -> {
                try {
                    text(session, text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(ByteBuffer.class, data -> {
                try {
                    session.getBasicRemote().sendBinary(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(PongMessage.class, pong -> {
                try {
                    session.getBasicRemote().sendText("pong "
                            + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        private static void text(Session session, String text) throws IOException {
            if (text.startsWith("close ")) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(
                        Integer.parseInt(text.substring(6))), "as asked"));
            } else if (text.startsWith("parts ")) {
                int n = Integer.parseInt(text.substring(6));
                for (int i = 0; i < n; i++) {
                    session.getBasicRemote().sendText("p" + i, i == n - 1);
                }
            } else if (text.startsWith("ping ")) {
                session.getBasicRemote().sendPing(ByteBuffer.wrap(text.substring(5)
                        .getBytes(StandardCharsets.UTF_8)));
            } else {
                session.getBasicRemote().sendText(text);
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            EVENTS.add("close " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    /** Decodes "x,y" points, answers with ten times the point, encoded as "(x|y)". */
    public static class Points extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(CodersTest.Point.class, p -> {
                try {
                    session.getBasicRemote().sendObject(new CodersTest.Point(p.x() * 10, p.y() * 10));
                } catch (IOException | EncodeException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
