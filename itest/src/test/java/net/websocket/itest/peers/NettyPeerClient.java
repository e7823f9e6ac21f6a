package net.websocket.itest.peers;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import net.websocket.itest.support.PeerClient;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A client connection made with Netty's WebSocket client (NIO transport). Frames are not aggregated, so a message's
 * parts are its frames. Netty answers pings itself (and does not pass them on, so no {@link Ping} events); this
 * class answers a server's close with the same code and then waits for the server to close the TCP connection.
 */
public final class NettyPeerClient extends PeerClient {

    private static final int MAX_FRAME = NettyEchoServer.MAX_MESSAGE;
    private static final long TIMEOUT_SECONDS = 30;

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final WebSocketClientHandshaker handshaker;
    private final Channel channel;
    private boolean fragmenting;
    private volatile boolean closeSent;

    /** The {@code Sec-WebSocket-Extensions} of the handshake response, or null. */
    private volatile String agreedExtensions;

    private NettyPeerClient(URI uri, WebSocketVersion version, ChannelHandler extensions, String... subprotocols)
            throws Exception {
        handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, version,
                subprotocols.length == 0 ? null : String.join(",", subprotocols), extensions != null,
                EmptyHttpHeaders.INSTANCE, MAX_FRAME);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(MAX_FRAME)
                .handleCloseFrames(false)
                .dropPongFrames(false)
                .sendCloseFrame(null)
                .build();
        CompletableFuture<Void> open = new CompletableFuture<>();
        Collector collector = new Collector(open);
        try {
            channel = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024));
                            if (extensions != null) {
                                c.pipeline().addLast(new ResponseRecorder(), extensions);
                            }
                            c.pipeline().addLast(new WebSocketClientProtocolHandler(handshaker, config), collector);
                        }
                    })
                    .connect(uri.getHost(), uri.getPort()).sync().channel();
            try {
                open.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WebSocketClientHandshakeException h && h.response() != null) {
                    throw new Refused(h.response().status().code(), h);
                }
                throw e;
            }
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The version of Netty's WebSocket codec on the class path. */
    public static String nettyVersion() {
        io.netty.util.Version v = io.netty.util.Version.identify().get("netty-codec-http");
        return v == null ? "unknown" : v.artifactVersion();
    }

    /** Connects, offering these subprotocols. */
    public static NettyPeerClient connect(URI uri, String... subprotocols) throws Exception {
        return new NettyPeerClient(uri, WebSocketVersion.V13, null, subprotocols);
    }

    /**
     * Connects with Netty's permessage-deflate (its {@code WebSocketClientCompressionHandler} defaults: offers
     * {@code permessage-deflate; client_max_window_bits}, compresses every message at level 6).
     */
    public static NettyPeerClient connectDeflate(URI uri, String... subprotocols) throws Exception {
        return new NettyPeerClient(uri, WebSocketVersion.V13, WebSocketClientCompressionHandler.INSTANCE,
                subprotocols);
    }

    /** Connects with permessage-deflate as this handshaker offers and accepts it. */
    public static NettyPeerClient connectDeflate(URI uri, PerMessageDeflateClientExtensionHandshaker deflate)
            throws Exception {
        return new NettyPeerClient(uri, WebSocketVersion.V13, new WebSocketClientExtensionHandler(deflate));
    }

    /**
     * Connects with hixie-76 (hybi-00), offering these subprotocols. Netty's hixie-76 frame decoder mishandles frames
     * split across reads, so keep messages small when using this.
     */
    public static NettyPeerClient connectHixie76(URI uri, String... subprotocols) throws Exception {
        return new NettyPeerClient(uri, WebSocketVersion.V00, null, subprotocols);
    }

    @Override
    public void sendText(String text, boolean last) throws Exception {
        sendTextBytes(text.getBytes(StandardCharsets.UTF_8), !fragmenting, last);
    }

    @Override
    public void sendTextBytes(byte[] utf8, boolean first, boolean last) throws Exception {
        ByteBuf b = Unpooled.wrappedBuffer(utf8);
        send(first ? new TextWebSocketFrame(last, 0, b) : new ContinuationWebSocketFrame(last, 0, b));
        fragmenting = !last;
    }

    @Override
    public void sendBinary(byte[] data, boolean last) throws Exception {
        ByteBuf b = Unpooled.wrappedBuffer(data);
        send(fragmenting ? new ContinuationWebSocketFrame(last, 0, b) : new BinaryWebSocketFrame(last, 0, b));
        fragmenting = !last;
    }

    @Override
    public void sendPing(byte[] data) throws Exception {
        send(new PingWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }

    @Override
    public void sendClose(int code, String reason) throws Exception {
        closeSent = true;
        send(new CloseWebSocketFrame(code, reason));
    }

    @Override
    public String subprotocol() {
        String s = handshaker.actualSubprotocol();
        return s == null ? "" : s;
    }

    @Override
    public String extensions() {
        return agreedExtensions;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    private void send(WebSocketFrame frame) throws Exception {
        if (!channel.writeAndFlush(frame).await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("send did not complete within " + TIMEOUT_SECONDS + " s");
        }
    }

    /** Keeps the handshake response's {@code Sec-WebSocket-Extensions} field, passing the response on. */
    private final class ResponseRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpResponse r) {
                agreedExtensions = r.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
            }
            super.channelRead(ctx, msg);
        }
    }

    /** Queues events; reassembles messages from frames. */
    private final class Collector extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final CompletableFuture<Void> open;
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private boolean text;
        private int parts;
        private boolean closeSeen;

        Collector(CompletableFuture<Void> open) {
            this.open = open;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                open.complete(null);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                open.completeExceptionally(new AssertionError("handshake timed out"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame
                    || frame instanceof ContinuationWebSocketFrame) {
                if (!(frame instanceof ContinuationWebSocketFrame)) {
                    text = frame instanceof TextWebSocketFrame;
                    message.reset();
                    parts = 0;
                }
                byte[] chunk = new byte[frame.content().readableBytes()];
                frame.content().readBytes(chunk);
                message.writeBytes(chunk);
                parts++;
                if (frame.isFinalFragment()) {
                    byte[] all = message.toByteArray();
                    events.add(text ? new Text(new String(all, StandardCharsets.UTF_8), parts)
                            : new Binary(all, parts));
                }
            } else if (frame instanceof PongWebSocketFrame pong) {
                byte[] data = new byte[pong.content().readableBytes()];
                pong.content().readBytes(data);
                events.add(new Pong(data));
            } else if (frame instanceof CloseWebSocketFrame close && !closeSeen) {
                closeSeen = true;
                events.add(new Closed(close.statusCode(), close.reasonText()));
                // answer with the same code unless this is the answer to our own close; the server closes TCP
                if (!closeSent) {
                    closeSent = true;
                    int code = close.statusCode();
                    ctx.writeAndFlush(code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, ""));
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!open.isDone()) {
                open.completeExceptionally(cause);
            } else {
                events.add(new Error(cause));
            }
            ctx.close();
        }
    }
}
