/**
 * Examples of the net.websocket API: copy what you like.
 *
 * <p>{@link net.websocket.examples.ExampleServer} is the example server (paths {@code /echo}, {@code /test-server},
 * {@code /test}, {@code /time}, {@code /origin-echo}) and {@link net.websocket.examples.HelloServer} the smallest
 * one; {@link net.websocket.examples.Client}, {@link net.websocket.examples.Cat},
 * {@link net.websocket.examples.TimeClientThreads}, {@link net.websocket.examples.TimeClientAsync} and
 * {@link net.websocket.examples.TesteeClient} are clients. {@link net.websocket.examples.Main} is the {@code ws}
 * command that runs them all. The endpoints ({@link net.websocket.examples.EchoListener},
 * {@link net.websocket.examples.TestServerHandler}, {@link net.websocket.examples.TimeHandler}) and the handshake
 * hook ({@link net.websocket.examples.OriginCheck}) can be reused on their own.
 */
@Version("1.0.0")
@Export
package net.websocket.examples;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
