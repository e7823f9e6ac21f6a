package net.websocket.itest.support;

import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

/** Echo servers on our runtime, bound to 127.0.0.1 on a free port. */
public final class EchoServers {

    /** Autobahn's 9.x cases send frames and messages of up to 16 MiB. */
    public static final int MAX_MESSAGE = 16 * 1024 * 1024;

    private EchoServers() {
    }

    /** A listener that sends every text and binary message back unchanged. */
    public static final class EchoListener implements Listener {
        @Override
        public void onText(Connection connection, String text) throws IOException {
            connection.sendText(text);
        }

        @Override
        public void onBinary(Connection connection, ByteBuffer data) throws IOException {
            connection.sendBinary(data);
        }
    }

    /** Options for a loopback server on a free port that takes frames and messages up to {@link #MAX_MESSAGE}. */
    public static ServerOptions.Builder options() {
        return ServerOptions.builder().listen("127.0.0.1", 0).maxFrameSize(MAX_MESSAGE).maxMessageSize(MAX_MESSAGE);
    }

    /** Serves {@link EchoListener} at {@code /echo} for clients that offer no subprotocol. */
    public static WebSocketServer start() throws IOException {
        return WebSockets.serve(options().build(),
                ServiceMapper.builder().route("/echo", ServiceMapper.none(new EchoListener())).build());
    }

    /** {@code ws://127.0.0.1:PORT/echo} */
    public static URI echoUri(WebSocketServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }
}
