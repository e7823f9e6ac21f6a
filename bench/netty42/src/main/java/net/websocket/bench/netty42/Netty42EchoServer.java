package net.websocket.bench.netty42;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
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
 * Netty 4.2's echo, the same server as the bench module's {@code NettyEchoServer} (Netty 4.1) written for 4.2: the
 * NIO transport through 4.2's {@link MultiThreadIoEventLoopGroup} with {@link NioIoHandler} (4.2 deprecates
 * {@code NioEventLoopGroup}), the same pipeline ({@link HttpServerCodec}, a 64 KiB {@link HttpObjectAggregator} for
 * the opening handshake only, {@link WebSocketServerProtocolHandler} with the same frame limit) and a handler that
 * writes every data frame back as it came and flushes once per read batch. Everything else is 4.2's default (among
 * them its adaptive buffer allocator). With {@code -Dbench.deflate=true} (scenario (f)) Netty's
 * {@link WebSocketServerCompressionHandler} with its defaults (no limit on a message's inflated size), as for 4.1. Hybi-00 (hixie-76) is answered by 4.2's
 * {@code WebSocketServerHandshaker00}, still part of 4.2, as 4.1's is (scenario (h)). With {@code -Dbench.pingSeconds=N}
 * (scenario (m)) an {@link IdleStateHandler} per connection and a ping after N seconds without input, as in 4.1's.
 *
 * <p>It runs on its own class path (this module's jar and Netty 4.2's), so it cannot use the bench module's
 * {@code ServerMain}: it follows the same conventions, restated below (loopback only, the port as the one argument,
 * 0 for a free one, and {@code READY <port> <name>} on standard output when it accepts connections).
 */
public final class Netty42EchoServer {

    /** The loopback address every bench server binds to (as {@code ServerMain.HOST}). */
    static final String HOST = "127.0.0.1";

    /** The largest frame every bench server accepts (as {@code ServerMain.MAX_MESSAGE}): 16 MiB. */
    static final int MAX_MESSAGE = 16 << 20;

    /** The handshake request aggregation limit, as in the 4.1 server. */
    static final int MAX_HANDSHAKE = 65536;

    /** The line's prefix that tells the benchmark driver the server is ready (as {@code ServerMain.READY}). */
    static final String READY = "READY ";

    private Netty42EchoServer() {
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

        /** Keepalive (scenario (m)): a ping when nothing was read for the idle handler's time. */
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
     * Scenario (j) ({@code -Dbench.broadcast=true}), as in the 4.1 server: connections to {@code /fan} join a
     * {@link ChannelGroup}, and each text message from {@code /fan-control} goes to all of them with
     * {@link ChannelGroup#writeAndFlush}.
     */
    @ChannelHandler.Sharable
    static final class FanOut extends ChannelInboundHandlerAdapter {
        private static final AttributeKey<Boolean> CONTROL = AttributeKey.valueOf("fanOutControl");
        private final ChannelGroup readers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete hc) {
                String uri = hc.requestUri();
                if (uri.equals("/fan-control")) {
                    ctx.channel().attr(CONTROL).set(Boolean.TRUE);
                } else if (uri.equals("/fan")) {
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
        boolean deflate = Boolean.getBoolean("bench.deflate");
        // scenario (m): keepalive as a Netty user writes it, as in the 4.1 server (-Dbench.pingSeconds=N)
        int pingSeconds = Integer.getInteger("bench.pingSeconds", 0);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_MESSAGE)
                        .allowExtensions(deflate)
                        .build())
                .build();
        ChannelHandler echo = Boolean.getBoolean("bench.broadcast") ? new FanOut() : new Echo();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (pingSeconds > 0) {
                            ch.pipeline().addLast(new IdleStateHandler(pingSeconds, 0, 0));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_HANDSHAKE));
                        if (deflate) {
                            // 0: no limit on a message's inflated size, what 4.2's deprecated no-argument
                            // constructor passes and what 4.1's no-argument one (the 4.1 server's) does
                            ch.pipeline().addLast(new WebSocketServerCompressionHandler(0));
                        }
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler(config), echo);
                    }
                });
        int port = args.length == 0 ? 0 : Integer.parseInt(args[0]);
        Channel server = b.bind(HOST, port).sync().channel();
        System.out.println(READY + ((InetSocketAddress) server.localAddress()).getPort() + " netty42");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
