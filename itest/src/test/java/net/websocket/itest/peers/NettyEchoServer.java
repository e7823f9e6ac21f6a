package net.websocket.itest.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.util.AttributeKey;
import net.websocket.itest.support.InteropCommands;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An independent RFC 6455 echo server on Netty (NIO transport), bound to 127.0.0.1 on a free port: a reference
 * point for the Autobahn harness and a peer for interop tests. On every path it echoes each text and binary message
 * unchanged (after reassembling fragments), answers pings and echoes a peer's close frame; it chooses the first
 * offered of the subprotocols {@code v2.chat} and {@code v1.chat}, and it carries out the text commands of
 * {@link InteropCommands}.
 */
public final class NettyEchoServer implements AutoCloseable {

    /** Autobahn's 9.x cases send messages and frames of up to 16 MiB. */
    public static final int MAX_MESSAGE = 16 * 1024 * 1024;

    /** zlib's default level. */
    private static final int DEFLATE_LEVEL = 6;

    /** The client's window Netty prefers: the largest, 2^15. */
    private static final int MAX_WINDOW_BITS = 15;

    /** Where the handshake response's {@code Sec-WebSocket-Extensions} field is kept, for {@code extensions?}. */
    private static final AttributeKey<String> AGREED = AttributeKey.valueOf("net.websocket.itest.agreedExtensions");

    /** The handshake request is small; this bounds its aggregation. */
    private static final int MAX_HANDSHAKE = 64 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private NettyEchoServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Starts the server, without extensions. */
    public static NettyEchoServer start() throws InterruptedException {
        return start(false);
    }

    /**
     * Starts the server; with {@code deflate}, with Netty's permessage-deflate: level 6,
     * {@code server_no_context_takeover} accepted, {@code server_max_window_bits} declined (a window below 15 bits
     * needs JZlib, which Netty has only as an optional dependency), the client's window left to the client.
     */
    public static NettyEchoServer start(boolean deflate) throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1);
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .subprotocols(InteropCommands.SUBPROTOCOL_V2 + "," + InteropCommands.SUBPROTOCOL_V1)
                // closes are answered by CommandEcho; Netty's own handling would also send a 1000 close of its own
                // when the decoder fails the connection, hiding the 1002/1007 it sends first
                .handleCloseFrames(false)
                .sendCloseFrame(null)
                .dropPongFrames(false)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_MESSAGE)
                        .allowExtensions(deflate)
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
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_HANDSHAKE));
                            if (deflate) {
                                c.pipeline().addLast(new ResponseRecorder(), new WebSocketServerExtensionHandler(
                                        new PerMessageDeflateServerExtensionHandshaker(DEFLATE_LEVEL, false,
                                                MAX_WINDOW_BITS, true, false)));
                            }
                            c.pipeline().addLast(
                                    new WebSocketServerProtocolHandler(config),
                                    new WebSocketFrameAggregator(MAX_MESSAGE),
                                    new CommandEcho());
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
        return uri("/echo");
    }

    /** {@code ws://127.0.0.1:PORT/PATH} */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** Keeps the {@code Sec-WebSocket-Extensions} field of the handshake response in a channel attribute. */
    private static final class ResponseRecorder extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse r) {
                ctx.channel().attr(AGREED).set(r.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS));
            }
            super.write(ctx, msg, promise);
        }
    }

    /** Echoes whole messages, runs commands, and does the server's part of the closing handshake. */
    private static final class CommandEcho extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Set<String> pendingPings = new HashSet<>();
        private boolean closeSent;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                onText(ctx, text);
            } else if (frame instanceof BinaryWebSocketFrame) {
                ctx.writeAndFlush(frame.retain());
            } else if (frame instanceof PongWebSocketFrame pong) {
                String data = pong.content().toString(StandardCharsets.UTF_8);
                if (pendingPings.remove(data)) {
                    ctx.writeAndFlush(new TextWebSocketFrame("pong:" + data));
                }
            } else if (frame instanceof CloseWebSocketFrame close) {
                if (closeSent) {
                    ctx.close();
                } else {
                    closeSent = true;
                    ctx.writeAndFlush(close.retain()).addListener(ChannelFutureListener.CLOSE);
                }
            }
        }

        private void onText(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            InteropCommands.Command cmd = InteropCommands.parse(frame.text());
            if (cmd instanceof InteropCommands.Close c) {
                closeSent = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(c.code(), c.reason()));
            } else if (cmd instanceof InteropCommands.FragmentMe f) {
                byte[][] parts = InteropCommands.threeFragments(f.text());
                ctx.write(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(parts[0])));
                ctx.write(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(parts[1])));
                ctx.writeAndFlush(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(parts[2])));
            } else if (cmd instanceof InteropCommands.Extensions) {
                ctx.writeAndFlush(new TextWebSocketFrame(
                        InteropCommands.extensionsAnswer(ctx.channel().attr(AGREED).get())));
            } else if (cmd instanceof InteropCommands.PingMe p) {
                pendingPings.add(p.data());
                ctx.writeAndFlush(new PingWebSocketFrame(
                        Unpooled.copiedBuffer(p.data(), StandardCharsets.UTF_8)));
            } else {
                ctx.writeAndFlush(frame.retain());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
