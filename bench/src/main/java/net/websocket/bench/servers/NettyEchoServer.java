package net.websocket.bench.servers;

import java.net.InetSocketAddress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * Netty 4.1's echo, written as a Netty user would for speed: NIO transport, {@link WebSocketServerProtocolHandler}
 * (handshake, control frames, UTF-8 validation of text), and a handler that writes every data frame back as it came
 * and flushes once per read batch. For scenario (f) ({@code -Dbench.deflate=true}) with Netty's
 * {@link WebSocketServerCompressionHandler} (permessage-deflate with its defaults). With
 * {@code -Dbench.pingSeconds=N} (the million-connection scenario) it keeps connections alive as a Netty user would:
 * an {@link IdleStateHandler} per connection and a ping when nothing was read for N seconds. For scenario (j), a
 * broadcast server instead ({@link FanOut}).
 */
public final class NettyEchoServer {

    private NettyEchoServer() {
    }

    /** Writes data frames back unchanged; flushes when the read batch ends. */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame) {
                ctx.write(msg, ctx.voidPromise());
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Scenario (j) ({@code -Dbench.broadcast=true}): connections to {@link ServerMain#FAN_READERS} join a
     * {@link ChannelGroup}, and each text message from {@link ServerMain#FAN_CONTROL} goes to all of them with
     * {@link ChannelGroup#writeAndFlush}, as a Netty user broadcasts.
     */
    @ChannelHandler.Sharable
    static final class FanOut extends ChannelInboundHandlerAdapter {
        private static final AttributeKey<Boolean> CONTROL = AttributeKey.valueOf("fanOutControl");
        private final ChannelGroup readers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete hc) {
                String uri = hc.requestUri();
                if (uri.equals(ServerMain.FAN_CONTROL)) {
                    ctx.channel().attr(CONTROL).set(Boolean.TRUE);
                } else if (uri.equals(ServerMain.FAN_READERS)) {
                    readers.add(ctx.channel());
                }
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame text && Boolean.TRUE.equals(ctx.channel().attr(CONTROL).get())) {
                readers.writeAndFlush(new TextWebSocketFrame(text.content())); // the group releases it
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup();
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(ServerMain.MAX_MESSAGE)
                        .allowExtensions(ServerMain.deflate())
                        .build())
                .build();
        ChannelHandler echo = ServerMain.broadcast() ? new FanOut() : new Echo();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ServerMain.pingSeconds() > 0) {
                            ch.pipeline().addLast(new IdleStateHandler(ServerMain.pingSeconds(), 0, 0));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536));
                        if (ServerMain.deflate()) {
                            ch.pipeline().addLast(new WebSocketServerCompressionHandler());
                        }
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler(config), echo);
                    }
                });
        Channel server = b.bind(ServerMain.HOST, ServerMain.port(args)).sync().channel();
        ServerMain.readyAndWait("netty", ((InetSocketAddress) server.localAddress()).getPort());
    }
}
