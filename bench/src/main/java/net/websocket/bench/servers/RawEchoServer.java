package net.websocket.bench.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * A TCP echo on one NIO selector thread: every byte read is written back, nothing is parsed. Fed the same bytes as
 * the WebSocket servers it shows what the sockets, the loopback and the load generator allow: the ceiling of every
 * scenario. When a write cannot finish, the rest is kept for that connection and reading it pauses until it drains.
 */
public final class RawEchoServer {

    /** The shared read buffer's size. */
    private static final int BUFFER = 256 * 1024;

    private RawEchoServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(ServerMain.HOST, ServerMain.port(args)), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        Thread loop = new Thread(() -> run(selector, server), "raw-echo");
        loop.setDaemon(true);
        loop.start();
        ServerMain.readyAndWait("raw", port);
    }

    private static void run(Selector selector, ServerSocketChannel server) {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        try {
            while (true) {
                selector.select();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    try {
                        if (k.isAcceptable()) {
                            SocketChannel ch;
                            while ((ch = server.accept()) != null) {
                                ch.configureBlocking(false);
                                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                                ch.register(selector, SelectionKey.OP_READ);
                            }
                        } else if (k.isWritable()) {
                            drain(k);
                        } else if (k.isReadable()) {
                            echo(k, buf);
                        }
                    } catch (IOException e) {
                        k.cancel();
                        k.channel().close();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void echo(SelectionKey k, ByteBuffer buf) throws IOException {
        SocketChannel ch = (SocketChannel) k.channel();
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
            k.cancel();
            ch.close();
            return;
        }
        buf.flip();
        ch.write(buf);
        if (buf.hasRemaining()) {
            ByteBuffer rest = ByteBuffer.allocate(buf.remaining());
            rest.put(buf).flip();
            k.attach(rest);
            k.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private static void drain(SelectionKey k) throws IOException {
        ByteBuffer rest = (ByteBuffer) k.attachment();
        ((SocketChannel) k.channel()).write(rest);
        if (!rest.hasRemaining()) {
            k.attach(null);
            k.interestOps(SelectionKey.OP_READ);
        }
    }
}
