package net.websocket.itest.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent RFC 6455 echo server on Netty (NIO transport), bound to 127.0.0.1 on a free port: a reference
 * point for the Autobahn harness and a peer for interop tests. It serves {@code /echo} (and paths below it),
 * echoes every text and binary message unchanged (after reassembling fragments), answers pings, and echoes a
 * close frame's code and reason.
 */
public final class NettyEchoServer implements AutoCloseable {

    /** Autobahn's 9.x cases send messages and frames of up to 16 MiB. */
    public static final int MAX_MESSAGE = 16 * 1024 * 1024;

    /** The handshake request is small; this bounds its aggregation. */
    private static final int MAX_HANDSHAKE = 64 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private NettyEchoServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Starts a server without subprotocols. */
    public static NettyEchoServer start() throws InterruptedException {
        return start(List.of());
    }

    /** Starts a server that accepts the first of the client's offered subprotocols found in {@code subprotocols}. */
    public static NettyEchoServer start(List<String> subprotocols) throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1);
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/echo")
                .checkStartsWith(true)
                .subprotocols(subprotocols.isEmpty() ? null : String.join(",", subprotocols))
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .sendCloseFrame(null)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_MESSAGE)
                        .allowExtensions(false)
                        .withUTF8Validator(true)
                        .build())
                .build();
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(
                                    new HttpServerCodec(),
                                    new HttpObjectAggregator(MAX_HANDSHAKE),
                                    new WebSocketServerProtocolHandler(config),
                                    new WebSocketFrameAggregator(MAX_MESSAGE),
                                    new EchoHandler());
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            return new NettyEchoServer(group, ch);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** {@code ws://127.0.0.1:PORT/echo} */
    public URI echoUri() {
        return URI.create("ws://127.0.0.1:" + port() + "/echo");
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        Future<?> f = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        f.awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** Echoes whole messages; Netty's protocol handler answers pings and closes (with the peer's code and reason). */
    private static final class EchoHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                ctx.writeAndFlush(frame.retain());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
