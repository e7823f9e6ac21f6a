package net.websocket.itest.peers;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Netty client that speaks the Autobahn fuzzing-server protocol (the counterpart of wstest's
 * {@code fuzzingserver}): it asks for the case count, runs every case by echoing whatever it receives until the
 * server closes, then asks the server to write its reports. It checks the client-side harness independently of our
 * implementation.
 */
public final class NettyTesteeClient {

    /** Autobahn's 9.x cases send messages and frames of up to 16 MiB. */
    private static final int MAX_MESSAGE = NettyEchoServer.MAX_MESSAGE;

    /** How long one case may take; the largest 9.x cases move 16 MiB through the Jython peer. */
    private static final long CASE_TIMEOUT_SECONDS = 120;

    private NettyTesteeClient() {
    }

    /** Runs every case the fuzzing server at {@code base} (e.g. {@code ws://127.0.0.1:9001}) offers. */
    public static void run(URI base, String agent) throws IOException, InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            CompletableFuture<String> count = new CompletableFuture<>();
            session(group, base.resolve("/getCaseCount"), new SimpleChannelInboundHandler<WebSocketFrame>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                    if (frame instanceof TextWebSocketFrame t) {
                        count.complete(t.text());
                    }
                }
            });
            int cases = Integer.parseInt(count.getNow("0").trim());
            for (int i = 1; i <= cases; i++) {
                session(group, base.resolve("/runCase?case=" + i + "&agent=" + agent), new Echo());
            }
            session(group, base.resolve("/updateReports?agent=" + agent), new Echo());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** Opens one connection with {@code app} at the end of the pipeline and waits until it is closed. */
    private static void session(EventLoopGroup group, URI uri, SimpleChannelInboundHandler<WebSocketFrame> app)
            throws IOException, InterruptedException {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .maxFramePayloadLength(MAX_MESSAGE)
                .allowExtensions(false)
                // Netty's client handler drops the TCP connection on a close frame without answering it;
                // Echo answers instead and waits for the server to close (RFC 6455 section 7.1.1)
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .sendCloseFrame(null)
                .build();
        Channel ch = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config),
                                new WebSocketFrameAggregator(MAX_MESSAGE),
                                app);
                    }
                })
                .connect(uri.getHost(), uri.getPort()).sync().channel();
        if (!ch.closeFuture().await(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            ch.close();
            throw new IOException("no close within " + CASE_TIMEOUT_SECONDS + " s: " + uri);
        }
    }

    /** Echoes whole messages, and answers a close with the same code. */
    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        private boolean closeSent;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                ctx.writeAndFlush(frame.retain());
            } else if (frame instanceof CloseWebSocketFrame close && !closeSent) {
                closeSent = true;
                int code = close.statusCode();
                ctx.writeAndFlush(code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, ""));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
